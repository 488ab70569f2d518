package dev.fer.app.pipeline;

import dev.fer.app.pipeline.LatestFrameSlot.CapturedFrame;
import dev.fer.capture.CaptureException;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import java.util.List;
import java.util.Objects;

/**
 * Capture on one thread, analysis on another, with a one-frame slot between them: when analysis
 * is slower than the source, the frames it cannot get to are dropped and counted, so the picture
 * stays current and memory stays flat. Results go to a {@link Listener} on the analysis thread.
 *
 * <p>Both threads are daemons and {@link #close()} ends them, so the JVM can always exit.
 */
public final class LivePipeline implements AutoCloseable {
    /** Receives results and source events; called on the pipeline's threads, never the EDT. */
    public interface Listener {
        void frameAnalyzed(AnalyzedFrame frame);

        /** The source ran out of frames ({@code error} null) or failed. */
        void sourceEnded(String source, Exception error);
    }

    private final FrameAnalyzer analyzer;
    private final Listener listener;
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final RateMeter captureRate = new RateMeter();
    private final RateMeter processedRate = new RateMeter();
    private volatile long lastLatencyNanos;
    private volatile boolean paused;
    private CaptureLoop capture;

    public LivePipeline(FrameAnalyzer analyzer, Listener listener) {
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.listener = Objects.requireNonNull(listener, "listener");
        Thread.ofPlatform().name("fer-analyze").daemon().start(this::processLoop);
    }

    /** Starts reading from {@code source}, stopping (and closing) the previous source first. */
    public synchronized void setSource(FrameSource source) {
        stopCapture();
        analyzer.reset();
        captureRate.reset();
        processedRate.reset();
        capture = new CaptureLoop(source);
        capture.thread.start();
    }

    /** Paused: no frames are read, so a video or folder holds its place. */
    public void setPaused(boolean paused) {
        this.paused = paused;
        CaptureLoop c;
        synchronized (this) {
            c = capture;
        }
        if (c != null) {
            synchronized (c) {
                c.notifyAll();
            }
        }
    }

    /**
     * Hands an analyzed frame's image back to the source once nothing shows it any more, so the
     * source can fill it again instead of allocating (see {@link FrameSource#recycle}). At most
     * once per frame.
     */
    public void recycle(AnalyzedFrame frame) {
        CaptureLoop c;
        synchronized (this) {
            c = capture;
        }
        if (c != null && frame != null && frame.image() != null) {
            c.source.recycle(frame.image());
        }
    }

    public boolean paused() {
        return paused;
    }

    public FrameAnalyzer analyzer() {
        return analyzer;
    }

    public PipelineStats stats() {
        long now = System.nanoTime();
        return new PipelineStats(captureRate.perSecond(now), processedRate.perSecond(now),
                lastLatencyNanos / 1e6, slot.dropped());
    }

    @Override
    public synchronized void close() {
        stopCapture();
        slot.close(); // the analysis thread finishes its frame, then ends

    }

    private void stopCapture() {
        if (capture != null) {
            capture.stop();
            capture = null;
        }
    }

    private void processLoop() {
        try {
            CapturedFrame f;
            while ((f = slot.take()) != null) {
                List<Face> faces;
                try {
                    faces = analyzer.analyze(f.image(), f.seconds());
                } catch (RuntimeException e) {
                    // One bad frame (a detector or model bug) must not end the live view.
                    System.err.println("fer-app: frame " + f.frameNumber() + " of " + f.source()
                            + " could not be analyzed: " + e);
                    continue;
                }
                long done = System.nanoTime();
                processedRate.mark(done);
                lastLatencyNanos = done - f.captureNanos();
                listener.frameAnalyzed(new AnalyzedFrame(f.source(), f.frameNumber(), f.epochMillis(),
                        f.seconds(), f.image(), faces, lastLatencyNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one source on its own thread until it ends or is stopped; then closes it. */
    private final class CaptureLoop {
        final FrameSource source;
        final Thread thread;
        volatile boolean stopped;

        CaptureLoop(FrameSource source) {
            this.source = Objects.requireNonNull(source, "source");
            this.thread = Thread.ofPlatform().name("fer-capture").daemon().unstarted(this::run);
        }

        void run() {
            try {
                while (!stopped) {
                    if (paused) {
                        synchronized (this) {
                            while (paused && !stopped) {
                                wait();
                            }
                        }
                        continue;
                    }
                    Frame frame = source.next();
                    if (frame == null) {
                        if (!stopped) { // a stopped source's next() returns null too: that is no news
                            listener.sourceEnded(source.describe(), null);
                        }
                        return;
                    }
                    long now = System.nanoTime();
                    captureRate.mark(now);
                    CapturedFrame dropped = slot.put(new CapturedFrame(frame.image(), frame.origin(), frame.number(),
                            now, System.currentTimeMillis(), frame.timestampNanos() / 1e9));
                    if (dropped != null) {
                        source.recycle(dropped.image()); // nobody saw it: the source may fill it again
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (CaptureException | RuntimeException e) {
                if (!stopped) {
                    listener.sourceEnded(source.describe(), e);
                }
            } finally {
                source.close();
            }
        }

        void stop() {
            stopped = true;
            source.close(); // makes a blocked next() return promptly
            synchronized (this) {
                notifyAll();
            }
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
