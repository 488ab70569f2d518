package dev.fer.bench.engine;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Tensor;

import java.util.Random;

/**
 * One convolution of {@link ConvShape} at batch 64, standalone: {@link #forward} is the inference
 * pass (weights packed once and cached, as in steady-state use), {@link #backward} the input
 * gradient plus weight and bias gradients of the training forward run at construction (what
 * {@code aten.convolution_backward} computes for torch_bench.py), with the algorithm's training
 * passes (the weights transformed every call, as in training).
 */
public final class ConvRig implements AutoCloseable {
    private final Conv2D conv;
    private final Workers workers;
    private final Context context;
    private final Context training;
    private final Tensor input;
    private final Tensor outputGradient;

    public ConvRig(ConvShape shape, int threads) {
        this(shape, threads, ConvAlgorithm.GEMM);
    }

    /**
     * With {@code algorithm} for all passes: GEMM (with the direct weight gradient: the engine's
     * real FLOP rate) or DEFAULT (Winograd F(4x4) on C1-C3, as the networks run them).
     */
    public ConvRig(ConvShape shape, int threads, ConvAlgorithm algorithm) {
        int batch = Network.TRAIN_BATCH;
        conv = new Conv2D(shape.outChannels(), ConvShape.KERNEL).padding(Padding.SAME).algorithm(algorithm);
        conv.build(shape.input(), new Random(1));
        workers = Workers.of(threads);
        context = new Context(false, workers, Kernels.best(), 1);
        training = new Context(true, workers, Kernels.best(), 1);
        input = new Tensor(shape.input(), batch, RandomData.gaussian(batch * shape.input().size(), 5));
        outputGradient = new Tensor(conv.outputShape(), batch,
                RandomData.gaussian(batch * conv.outputShape().size(), 6));
        conv.forward(input, training);
        conv.forward(input, context);
    }

    public Tensor forward() {
        return conv.forward(input, context);
    }

    /** Gradients of the construction's training forward; the weight and bias gradients accumulate call after call. */
    public Tensor backward() {
        return conv.backward(outputGradient, training);
    }

    @Override
    public void close() {
        workers.close();
    }
}
