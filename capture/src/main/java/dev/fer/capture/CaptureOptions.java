package dev.fer.capture;

import java.awt.Dimension;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a source. Start from {@link #defaults()} and change what you need:
 * {@code CaptureOptions.defaults().withResolution(640, 480).withFps(30).realtime(true)}.
 *
 * @param resolution   wanted frame size, or {@code null} for the source's own. A camera picks the
 *                     supported size nearest to it (when {@code null}: nearest to 640x480, and a
 *                     virtual camera its source's size); a video is scaled to it; image files and
 *                     folders keep their images' sizes.
 * @param fps          wanted frames per second, or 0 for the source's own: a camera is capped at
 *                     it, a video is resampled to it, a folder or image is played at it
 *                     ({@link #DEFAULT_SEQUENCE_FPS} when 0)
 * @param loop         files, folders and videos start over at the end instead of ending
 * @param realtime     files, folders and videos deliver each frame when it is due at
 *                     {@code fps} (for a live window); otherwise as fast as they are read (for
 *                     analysis). Cameras are always real time.
 * @param frameTimeout how long a camera may stay silent before it counts as stalled or unplugged
 * @param ffmpeg       the ffmpeg executable for videos (a name on the PATH or a path);
 *                     {@code ffprobe} is looked up beside it. Default: system property
 *                     {@code fer.ffmpeg}, else {@code ffmpeg}.
 */
public record CaptureOptions(Dimension resolution, double fps, boolean loop, boolean realtime,
                             Duration frameTimeout, String ffmpeg) {

    /** Frames per second for a folder or an image when no rate is asked for. */
    public static final double DEFAULT_SEQUENCE_FPS = 10;

    public CaptureOptions {
        if (resolution != null && (resolution.width <= 0 || resolution.height <= 0)) {
            throw new IllegalArgumentException("resolution must be positive, got " + resolution.width + "x" + resolution.height);
        }
        resolution = resolution == null ? null : new Dimension(resolution);
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be 0 (the source's own) or positive, got " + fps);
        }
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        if (frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("frameTimeout must be positive, got " + frameTimeout);
        }
        Objects.requireNonNull(ffmpeg, "ffmpeg");
    }

    /** Own size and rate, no looping, as fast as possible, 5 s camera timeout, ffmpeg from the PATH. */
    public static CaptureOptions defaults() {
        return new CaptureOptions(null, 0, false, false, Duration.ofSeconds(5),
                System.getProperty("fer.ffmpeg", "ffmpeg"));
    }

    public CaptureOptions withResolution(int width, int height) {
        return new CaptureOptions(new Dimension(width, height), fps, loop, realtime, frameTimeout, ffmpeg);
    }

    /** {@code null} for the source's own size. */
    public CaptureOptions withResolution(Dimension size) {
        return new CaptureOptions(size, fps, loop, realtime, frameTimeout, ffmpeg);
    }

    public CaptureOptions withFps(double framesPerSecond) {
        return new CaptureOptions(resolution, framesPerSecond, loop, realtime, frameTimeout, ffmpeg);
    }

    public CaptureOptions looping(boolean on) {
        return new CaptureOptions(resolution, fps, on, realtime, frameTimeout, ffmpeg);
    }

    public CaptureOptions realtime(boolean on) {
        return new CaptureOptions(resolution, fps, loop, on, frameTimeout, ffmpeg);
    }

    public CaptureOptions withFrameTimeout(Duration timeout) {
        return new CaptureOptions(resolution, fps, loop, realtime, timeout, ffmpeg);
    }

    public CaptureOptions withFfmpeg(String executable) {
        return new CaptureOptions(resolution, fps, loop, realtime, frameTimeout, executable);
    }

    /** The rate a folder or image is played at. */
    public double sequenceFps() {
        return fps > 0 ? fps : DEFAULT_SEQUENCE_FPS;
    }

    /**
     * Parses a command-line size such as {@code 640x480}.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static Dimension parseResolution(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        if (parts.length == 2) {
            try {
                int w = Integer.parseInt(parts[0].trim());
                int h = Integer.parseInt(parts[1].trim());
                if (w > 0 && h > 0) {
                    return new Dimension(w, h);
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("not a resolution: '" + text + "' (expected WIDTHxHEIGHT, e.g. 640x480)");
    }
}
