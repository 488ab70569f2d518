package dev.fer.bench.engine;

import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;

/** The whole-network workloads of {@code shared/bench/WORKLOADS.md}, built from the engine's zoo. */
public enum Network {
    W1("fer-small"),
    W2("fer-vgg");

    /** Batch of a training step. */
    public static final int TRAIN_BATCH = 64;
    /** Batch of the throughput inference figure. */
    public static final int INFER_BATCH = 256;

    private final String architecture;

    Network(String architecture) {
        this.architecture = architecture;
    }

    /** The engine zoo name, e.g. {@code fer-small}. */
    public String architecture() {
        return architecture;
    }

    /** A fresh model of this workload (He init from {@code seed}) on {@code threads} threads. */
    public Sequential create(long seed, int threads) {
        return Architectures.create(architecture).seed(seed).threads(threads).build();
    }

    /**
     * Multiply-adds of one image's forward pass (convolutions and dense layers only, as
     * {@code torch_bench.py} counts them), read off the built model's layer shapes.
     */
    public static long forwardMacsPerImage(Sequential model) {
        long macs = 0;
        for (Layer layer : model.layers()) {
            macs += forwardMacs(layer);
        }
        return macs;
    }

    /** Multiply-adds of one image through a built convolution or dense layer; 0 for other layers. */
    public static long forwardMacs(Layer layer) {
        if (layer instanceof Conv2D c) {
            return (long) layer.outputShape().size() * c.kernelHeight() * c.kernelWidth() * layer.inputShape().channels();
        }
        if (layer instanceof Dense) {
            return (long) layer.inputShape().size() * layer.outputShape().size();
        }
        return 0;
    }
}
