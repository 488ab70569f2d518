package dev.fer.app.pipeline;

/**
 * Events per second over the last {@link #WINDOW} events within {@link #SPAN_NANOS}, from a ring
 * of time stamps. Thread-safe; allocates nothing per event.
 */
public final class RateMeter {
    static final int WINDOW = 30;
    /** Events older than this do not count: a slow stream (0.3 fps) still reads right. */
    static final long SPAN_NANOS = 10_000_000_000L;
    /** No event for this long reads as 0 fps (a stalled source), not its old rate. */
    static final long STALL_NANOS = 3_000_000_000L;

    private final long[] stamps = new long[WINDOW];
    private int count;
    private int next;

    public synchronized void mark(long nanos) {
        stamps[next] = nanos;
        next = (next + 1) % WINDOW;
        if (count < WINDOW) {
            count++;
        }
    }

    /** The rate at time {@code nowNanos}; 0 with fewer than two recent events or after a stall. */
    public synchronized double perSecond(long nowNanos) {
        int n = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long t = stamps[i];
            if (nowNanos - t <= SPAN_NANOS) {
                oldest = Math.min(oldest, t);
                newest = Math.max(newest, t);
                n++;
            }
        }
        if (n < 2 || newest == oldest || nowNanos - newest > STALL_NANOS) {
            return 0;
        }
        return (n - 1) * 1e9 / (newest - oldest);
    }

    public synchronized void reset() {
        count = 0;
        next = 0;
    }
}
