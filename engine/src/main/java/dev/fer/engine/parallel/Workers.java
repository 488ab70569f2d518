package dev.fer.engine.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of {@code threads} threads (the caller plus {@code threads - 1} daemon workers)
 * that runs a job's units: the {@code threads} parts of a {@link Task}, or the pieces of a
 * {@link Loop}.
 *
 * <p>Units are claimed, not assigned: every thread, the caller included, takes the next unclaimed
 * unit until none is left. On a shared machine the hypervisor may stop one of our vCPUs for
 * milliseconds; with a fixed assignment the other thread then sat idle at every barrier, and two
 * threads ran slower than one (session 9: W1 training at 53-78 images/s on two threads against
 * 147 on one). Claiming lets the running thread take the stopped one's unclaimed work; a
 * {@link #forEach} loop in many small pieces leaves it only the piece in hand.
 *
 * <p>Results do not depend on which thread runs which unit: a {@link Task}'s part i always covers
 * the same range with part i's buffers (reductions over parts are done in part order), and a
 * {@link Loop}'s pieces only use their slot's scratch. Same thread count, same bits. Running a job
 * allocates nothing: tasks are long-lived objects owned by the layers.
 */
public final class Workers implements AutoCloseable {
    /** A task split into {@code parts} = {@link #threads()} parts; {@code part} is in [0, parts). */
    @FunctionalInterface
    public interface Task {
        void run(int part, int parts);
    }

    /**
     * The body of a parallel loop over items [from, to). {@code slot} in [0, {@link #threads()})
     * names the running thread for per-thread scratch: no two pieces run at once with the same
     * slot, and a piece's result must not depend on it.
     */
    @FunctionalInterface
    public interface Loop {
        void run(int from, int to, int slot);
    }

    private static final Workers SINGLE = new Workers(1);
    /** Busy-wait iterations before parking: short, the machine may be shared. */
    private static final int SPINS = 2_000;
    /** Pieces per thread that {@link #grain} aims at: enough for the others to absorb a stalled thread's share. */
    private static final int PIECES_PER_THREAD = 4;
    private static final int UNIT_BITS = 31;
    private static final long UNIT_MASK = (1L << UNIT_BITS) - 1;

    private final int threads;
    private final Thread[] workers;
    /** The job's unit count (high bits) and next unclaimed unit (low bits), claimed by CAS. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    // the current job, written before claims publishes it and read only after a unit is claimed
    private Task task;
    private Loop loop;
    private int items;
    private int grain;
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
            int slot = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("fer-engine-" + slot).start(() -> loop(slot));
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

    /** Runs {@code task}'s {@link #threads()} parts on all threads; returns when every part is done. */
    public void run(Task task) {
        if (threads == 1) {
            task.run(0, 1);
            return;
        }
        runJob(task, null, threads, 0, 0);
    }

    /**
     * Runs {@code loop} over items [0, items) in pieces of {@code grain} items (the last may be
     * shorter), claimed by the threads as they come free; returns when every piece is done. One
     * thread takes the whole range in one call.
     */
    public void forEach(int items, int grain, Loop loop) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, got " + grain);
        }
        if (items <= 0) {
            return;
        }
        if (threads == 1) {
            loop.run(0, items, 0);
            return;
        }
        runJob(null, loop, Math.ceilDiv(items, grain), items, grain);
    }

    /**
     * A grain for {@link #forEach} over {@code items}: about {@value #PIECES_PER_THREAD} pieces per
     * thread, fewer where that would cut pieces below {@code min} items (pieces too small to run
     * efficiently), never above {@code max}; one piece of at most {@code max} on one thread.
     */
    public int grain(int items, int min, int max) {
        if (threads > 1) {
            for (int perThread = PIECES_PER_THREAD; perThread > 1; perThread /= 2) {
                int g = Math.ceilDiv(items, threads * perThread);
                if (g >= min) {
                    return Math.clamp(g, 1, max);
                }
            }
            return Math.clamp(Math.ceilDiv(items, threads), 1, max);
        }
        return Math.max(1, max);
    }

    /**
     * {@link #forEach} in about {@value #PIECES_PER_THREAD} pieces per thread of at least
     * {@code minPiece} items, rounded up to a multiple of {@code align} (vector or row alignment);
     * one piece on one thread.
     */
    public void forEachBalanced(int items, int minPiece, int align, Loop loop) {
        int g = grain(items, minPiece, Math.max(1, items));
        forEach(items, Math.ceilDiv(g, align) * align, loop);
    }

    private void runJob(Task task, Loop loop, int units, int items, int grain) {
        if (units > UNIT_MASK) {
            throw new IllegalArgumentException("too many pieces: " + units);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            this.caller = Thread.currentThread();
            this.failure = null;
            this.task = task;
            this.loop = loop;
            this.items = items;
            this.grain = grain;
            done.set(0);
            claims.set((long) units << UNIT_BITS); // publishes the job: units to claim from 0
            generation++;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            drain(0);
            int spins = 0;
            while (done.get() != units) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            this.task = null;
            this.loop = null;
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            } else if (t instanceof Error e) {
                throw e;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /**
     * Claims and runs units of the current job until none is left. A successful claim proves the
     * job is published and still running (its last unit cannot finish before this one), so its
     * fields are safe to read after it.
     */
    private void drain(int slot) {
        while (true) {
            long c = claims.get();
            int units = (int) (c >>> UNIT_BITS);
            int unit = (int) (c & UNIT_MASK);
            if (unit >= units) {
                return;
            }
            if (!claims.compareAndSet(c, c + 1)) {
                continue;
            }
            try {
                if (task != null) {
                    task.run(unit, units);
                } else {
                    int from = unit * grain;
                    loop.run(from, Math.min(items, from + grain), slot);
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (done.incrementAndGet() == units && slot != 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    private void loop(int slot) {
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
            drain(slot);
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
