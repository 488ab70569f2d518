package dev.fer.capture.support;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds frames back until they are due, so a file plays at its frame rate. The first frame sets
 * the clock; a consumer that falls behind is not made to catch up with a burst (the clock moves on
 * with it instead).
 */
public final class Pacer {
    /** Lagging more than this behind the clock resets it, so a paused consumer does not get a burst. */
    private static final long MAX_LAG_NANOS = 250_000_000L;

    private long originNanos;
    private boolean started;

    /**
     * Waits until the frame with media time {@code timestampNanos} is due. Returns early, with the
     * interrupt flag set, when the thread is interrupted.
     */
    public void awaitDue(long timestampNanos) {
        long now = System.nanoTime();
        if (!started || now - (originNanos + timestampNanos) > MAX_LAG_NANOS) {
            originNanos = now - timestampNanos;
            started = true;
            return;
        }
        long due = originNanos + timestampNanos;
        while (!Thread.currentThread().isInterrupted()) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(this, wait);
        }
    }
}
