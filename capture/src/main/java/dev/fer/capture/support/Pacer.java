package dev.fer.capture.support;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds frames back until they are due, so a file plays at its frame rate and a camera is held to
 * a wanted rate. The first frame sets the clock; a consumer that falls behind is not made to catch up with a burst (the clock moves on
 * with it instead).
 */
public final class Pacer {
    /** Lagging more than this behind the clock resets it, so a paused consumer does not get a burst. */
    private static final long MAX_LAG_NANOS = 250_000_000L;
    /** Waits are cut into slices this long so that closing the source ends them promptly. */
    private static final long SLICE_NANOS = 10_000_000L;

    private long originNanos;
    private boolean started;

    /**
     * Waits until the frame with media time {@code timestampNanos} is due, or until
     * {@code cancelled} says the source was closed, or the thread is interrupted.
     */
    public void awaitDue(long timestampNanos, BooleanSupplier cancelled) {
        long now = System.nanoTime();
        if (!started || now - (originNanos + timestampNanos) > MAX_LAG_NANOS) {
            originNanos = now - timestampNanos;
            started = true;
            return;
        }
        sleepUntil(originNanos + timestampNanos, cancelled);
    }

    /**
     * Sleeps until {@link System#nanoTime()} reaches {@code deadline}, {@code cancelled} becomes
     * true, or the thread is interrupted (the flag stays set).
     */
    private static void sleepUntil(long deadline, BooleanSupplier cancelled) {
        for (long wait; (wait = deadline - System.nanoTime()) > 0; ) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
        }
    }
}
