package dev.fer.app.pipeline;

/**
 * Events per second over the last {@link #WINDOW} events (or fewer), from a ring of time stamps.
 * Thread-safe; allocates nothing per event.
 */
public final class RateMeter {
    static final int WINDOW = 30;
    /** Events older than this no longer count, so a stalled source reads as 0 fps, not its old rate. */
    static final long STALE_NANOS = 2_000_000_000L;

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

    /** The rate at time {@code nowNanos}; 0 with fewer than two recent events. */
    public synchronized double perSecond(long nowNanos) {
        int n = 0;
        long oldest = 0;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long t = stamps[i];
            if (nowNanos - t <= STALE_NANOS) {
                oldest = n == 0 ? t : Math.min(oldest, t);
                newest = Math.max(newest, t);
                n++;
            }
        }
        if (n < 2 || newest == oldest) {
            return 0;
        }
        return (n - 1) * 1e9 / (newest - oldest);
    }

    public synchronized void reset() {
        count = 0;
        next = 0;
    }
}
