package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;

import java.util.SplittableRandom;

/**
 * How a forward/backward pass runs: training or inference mode, the thread pool, the kernels, and
 * the random stream for dropout (seeded, consumed on the calling thread only, so the same seed and
 * thread count give bit-identical training).
 */
public final class Context {
    private boolean training;
    private final Workers workers;
    private final Kernels kernels;
    private final SplittableRandom random;

    public Context(boolean training, Workers workers, Kernels kernels, long seed) {
        this.training = training;
        this.workers = workers;
        this.kernels = kernels;
        this.random = new SplittableRandom(seed);
    }

    /** Inference with the best kernels on {@code workers}. */
    public static Context inference(Workers workers) {
        return new Context(false, workers, Kernels.best(), 0);
    }

    public boolean training() {
        return training;
    }

    public void training(boolean training) {
        this.training = training;
    }

    public Workers workers() {
        return workers;
    }

    public Kernels kernels() {
        return kernels;
    }

    public SplittableRandom random() {
        return random;
    }
}
