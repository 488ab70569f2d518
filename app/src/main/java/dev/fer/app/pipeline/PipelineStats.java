package dev.fer.app.pipeline;

/**
 * How the live pipeline keeps up.
 *
 * @param captureFps   frames per second the source delivers
 * @param processedFps frames per second analyzed; below {@code captureFps} when frames are dropped
 * @param latencyMillis capture to result of the latest analyzed frame
 * @param dropped      frames captured but never analyzed because a newer one replaced them
 */
public record PipelineStats(double captureFps, double processedFps, double latencyMillis, long dropped) {}
