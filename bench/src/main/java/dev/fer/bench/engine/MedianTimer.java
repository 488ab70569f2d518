package dev.fer.bench.engine;

import java.util.Arrays;

/**
 * Times one figure as torch_bench.py does, so the two compare like for like: wait (bounded) for the
 * machine to be idle, warm up, then repeat until at least {@code minReps} calls and
 * {@code budgetSeconds} have passed (or {@code maxReps}), and report the median call time with the
 * foreign load seen while timing.
 */
final class MedianTimer {
    /** Below this many foreign cores the machine counts as idle (torch_bench.py's threshold). */
    static final double IDLE_CORES = 0.1;

    record Timing(double medianSeconds, int reps, double foreignLoad, double ownCores, double waitedSeconds) {}

    /** How long to warm up and time one figure. */
    record Plan(int warmup, int minReps, double budgetSeconds, int maxReps) {
        Plan quick() {
            return new Plan(1, 2, 0, 2);
        }
    }

    private final boolean quick;
    private final double waitIdleSeconds;
    private double waitLeftSeconds;

    MedianTimer(boolean quick, double waitIdleSeconds, double waitTotalSeconds) {
        this.quick = quick;
        this.waitIdleSeconds = waitIdleSeconds;
        this.waitLeftSeconds = waitTotalSeconds;
    }

    Timing time(Runnable call, Plan plan) {
        Plan p = quick ? plan.quick() : plan;
        double waited = waitForIdle();
        for (int i = 0; i < p.warmup(); i++) {
            call.run();
        }
        double[] times = new double[p.maxReps()];
        int n = 0;
        ForeignLoad load = ForeignLoad.start();
        long start = System.nanoTime();
        while (n < p.maxReps() && (n < p.minReps() || (System.nanoTime() - start) * 1e-9 < p.budgetSeconds())) {
            long t = System.nanoTime();
            call.run();
            times[n++] = (System.nanoTime() - t) * 1e-9;
        }
        return new Timing(median(Arrays.copyOf(times, n)), n, load.cores(), load.ownCores(), waited);
    }

    /** Waits until other processes use less than {@link #IDLE_CORES}, within the waiting budget. */
    private double waitForIdle() {
        long start = System.nanoTime();
        double limit = Math.min(waitIdleSeconds, waitLeftSeconds);
        while ((System.nanoTime() - start) * 1e-9 < limit) {
            ForeignLoad load = ForeignLoad.start();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (load.cores() < IDLE_CORES) {
                break;
            }
        }
        double waited = (System.nanoTime() - start) * 1e-9;
        waitLeftSeconds -= waited;
        return waited;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }
}
