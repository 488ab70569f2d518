package dev.fer.bench.engine;

import dev.fer.engine.model.Sequential;
import dev.fer.engine.optim.Adam;
import dev.fer.engine.zoo.Architectures;

/**
 * The {@code train} workload: one full step at batch 64 (forward in training mode with batch-stat
 * BN and dropout, softmax cross-entropy with the L2 terms, backward, Adam update with the Keras
 * defaults that torch_bench.py also uses).
 */
public final class TrainingRig implements AutoCloseable {
    private final Sequential model;
    private final Adam adam;
    private final float[] images;
    private final int[] labels;

    public TrainingRig(Network network, int threads) {
        model = network.create(1, threads);
        adam = new Adam(model.params(), 1e-3f).betas(0.9f, 0.999f).epsilon(1e-7f);
        int batch = Network.TRAIN_BATCH;
        images = RandomData.gaussian(batch * model.inputShape().size(), 2);
        labels = RandomData.labels(batch, Architectures.CLASSES, 3);
    }

    /** One training step; returns the batch loss (for the caller to consume). */
    public float step() {
        float loss = model.trainStep(images, labels, Network.TRAIN_BATCH);
        adam.step();
        return loss;
    }

    @Override
    public void close() {
        model.close();
    }
}
