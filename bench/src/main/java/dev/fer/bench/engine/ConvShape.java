package dev.fer.bench.engine;

import dev.fer.engine.tensor.Shape;

/**
 * The single-layer shapes C1-C3 of {@code shared/bench/WORKLOADS.md}: a 3x3, stride 1, 'same'
 * convolution with bias, timed at {@link Network#TRAIN_BATCH}.
 */
public enum ConvShape {
    C1(32, 48, 64),
    C2(64, 24, 128),
    C3(128, 12, 256);

    public static final int KERNEL = 3;

    private final int inChannels;
    private final int size;
    private final int outChannels;

    ConvShape(int inChannels, int size, int outChannels) {
        this.inChannels = inChannels;
        this.size = size;
        this.outChannels = outChannels;
    }

    public Shape input() {
        return Shape.of(inChannels, size, size);
    }

    public int outChannels() {
        return outChannels;
    }

    /** FLOP of one forward pass over {@code batch} images, 2 per multiply-add (bias not counted). */
    public double forwardFlop(int batch) {
        return 2.0 * batch * size * size * outChannels * inChannels * KERNEL * KERNEL;
    }

    /** FLOP of one backward pass (input gradient + weight gradient): twice the forward. */
    public double backwardFlop(int batch) {
        return 2 * forwardFlop(batch);
    }

    /** The shape as torch_bench.py writes it, e.g. {@code 32x48x48 conv 32->64}. */
    public String describe() {
        return inChannels + "x" + size + "x" + size + " conv " + inChannels + "->" + outChannels;
    }
}
