package dev.fer.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of {@code threads} threads (the caller plus {@code threads - 1} daemon workers)
 * that runs one task split into {@code threads} parts.
 *
 * <p>Work is always split the same way for the same thread count (part i gets the i-th contiguous
 * range), and reductions over parts are done by the caller in part order, so results are
 * bit-identical run to run. {@link #run} allocates nothing: tasks are long-lived objects owned by
 * the layers.
 */
public final class Workers implements AutoCloseable {
    /** A task split into parts; {@code part} is in [0, parts). */
    @FunctionalInterface
    public interface Task {
        void run(int part, int parts);
    }

    private static final Workers SINGLE = new Workers(1);
    /** Busy-wait iterations before parking: short, the machine may be shared. */
    private static final int SPINS = 2_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Thread caller;

    private Workers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("fer-engine-" + part).start(() -> loop(part));
        }
    }

    /** A pool of {@code threads} threads (1 = run everything on the caller, no threads started). */
    public static Workers of(int threads) {
        return threads == 1 ? SINGLE : new Workers(threads);
    }

    /** The single-threaded pool. */
    public static Workers single() {
        return SINGLE;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} on all threads, part 0 on the caller; returns when every part is done. */
    public void run(Task task) {
        if (threads == 1) {
            task.run(0, 1);
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            this.caller = Thread.currentThread();
            this.failure = null;
            this.task = task;
            pending.set(threads - 1);
            generation++;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            Throwable own = null;
            try {
                task.run(0, threads);
            } catch (Throwable t) {
                own = t;
            }
            int spins = 0;
            while (pending.get() != 0) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            this.task = null;
            Throwable t = own != null ? own : failure;
            if (t instanceof RuntimeException re) {
                throw re;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private void loop(int part) {
        int seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(part, threads);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** First index of part {@code part} when [0, n) is split into {@code parts} ranges aligned to {@code align}. */
    public static int splitStart(int n, int part, int parts, int align) {
        int units = (n + align - 1) / align;
        long start = (long) units * part / parts * align;
        return (int) Math.min(start, n);
    }

    @Override
    public void close() {
        if (this == SINGLE) {
            return;
        }
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
