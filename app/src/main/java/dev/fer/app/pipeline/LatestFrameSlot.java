package dev.fer.app.pipeline;

/**
 * A one-frame mailbox between the capture thread and the processing thread. The capture thread
 * always puts; a frame that was not taken before the next one arrives is dropped, so a slow
 * analysis shows the newest frame instead of falling ever further behind (never a queue).
 */
final class LatestFrameSlot {
    private CapturedFrame frame;
    private long dropped;
    private boolean closed;

    /** A frame as the capture thread delivers it. */
    record CapturedFrame(java.awt.image.BufferedImage image, String source, long frameNumber,
                         long captureNanos, long epochMillis, double seconds) {}

    /** Puts the newest frame; returns the one it replaces (dropped, never analyzed), or null. */
    synchronized CapturedFrame put(CapturedFrame f) {
        CapturedFrame replaced = frame;
        if (replaced != null) {
            dropped++;
        }
        frame = f;
        notifyAll();
        return replaced;
    }

    /** The newest frame, waiting for one; null once closed. */
    synchronized CapturedFrame take() throws InterruptedException {
        while (frame == null && !closed) {
            wait();
        }
        CapturedFrame f = frame;
        frame = null;
        return f;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
