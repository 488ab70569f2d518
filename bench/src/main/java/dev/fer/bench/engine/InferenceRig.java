package dev.fer.bench.engine;

import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.model.Sequential;

/**
 * The {@code infer1} / {@code infer256} workloads: softmax probabilities in inference mode, on the
 * deployable form of the network (BatchNorm folded into the convolutions, dropout removed), as the
 * app runs it and as ONNX Runtime runs its exported graph.
 */
public final class InferenceRig implements AutoCloseable {
    private final Sequential model;
    private final float[] images;
    private final float[] probabilities;

    /** With the engine's default convolution algorithms, as the app runs them. */
    public InferenceRig(Network network, int threads) {
        this(network, threads, null);
    }

    /** With the convolution algorithm of the inference passes (null: the engine's default). */
    public InferenceRig(Network network, int threads, ConvAlgorithm algorithm) {
        try (Sequential trained = network.create(1, threads)) {
            model = trained.foldedForInference();
        }
        if (algorithm != null) {
            model.convAlgorithm(algorithm);
        }
        images = RandomData.gaussian(Network.INFER_BATCH * model.inputShape().size(), 4);
        probabilities = new float[Network.INFER_BATCH * model.outputShape().size()];
    }

    /** Class probabilities of the first {@code batch} images (at most {@link Network#INFER_BATCH}). */
    public float[] predict(int batch) {
        model.predict(images, batch, probabilities);
        return probabilities;
    }

    @Override
    public void close() {
        model.close();
    }
}
