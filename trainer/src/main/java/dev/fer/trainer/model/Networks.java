package dev.fer.trainer.model;

import dev.fer.engine.layer.BatchNorm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Dropout;
import dev.fer.engine.layer.Flatten;
import dev.fer.engine.layer.MaxPool2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;

/**
 * The trainer's architectures, registered in the engine's {@link Architectures} zoo beside
 * {@code fer-small} (W1) and {@code fer-vgg} (W2).
 */
public final class Networks {
    /** VGG-style with batch norm, 118 M multiply-adds per face: the default model's architecture until session 11. */
    public static final String NET = "fer-net";
    /**
     * fer-net with wider late blocks (160 and 320 filters): 1.28x its multiply-adds, the most that
     * keeps one face within the 3 ms budget on one thread.
     */
    public static final String WIDE = "fer-net-wide";
    /** The default model's architecture. */
    public static final String DEFAULT = WIDE;
    /** A light net (6 M multiply-adds per face) for quick models on a small or busy CPU. */
    public static final String LITE = "fer-lite";
    /** A very small net for smoke tests and quick checks of a data set: trains in seconds. */
    public static final String TINY = "fer-tiny";

    static {
        Architectures.register(NET, Networks::ferNet);
        Architectures.register(WIDE, Networks::ferNetWide);
        Architectures.register(LITE, Networks::ferLite);
        Architectures.register(TINY, Networks::ferTiny);
    }

    private Networks() {}

    /** Makes sure the trainer's architectures are in the zoo; call before {@link Architectures#create}. */
    public static void register() {
        // the static initializer does the work, once
    }

    private static Conv2D conv(int filters) {
        return new Conv2D(filters, 3).padding(Padding.SAME);
    }

    /** Keras' batch norm; {@code momentum} is the share of the running average kept per step. */
    private static BatchNorm bn(float momentum) {
        return new BatchNorm().epsilon(1e-3f).momentum(momentum);
    }

    private static Sequential convBnRelu(Sequential s, int filters) {
        return convBnRelu(s, filters, 0.99f);
    }

    private static Sequential convBnRelu(Sequential s, int filters, float momentum) {
        return s.add(conv(filters)).add(bn(momentum)).add(new ReLU());
    }

    /**
     * VGG-style with batch norm: four blocks of two 3x3 convolutions (32, 64, 128, 256 filters),
     * each block ending in a 2x2 max-pool (48 -> 24 -> 12 -> 6 -> 3), then dense 2304 -> 256 -> 7.
     * About 118 M multiply-adds per face (W1 fer-small: 108 M), 1.8 M parameters (7 MB).
     * Two convolutions per block see 5x5 with the cost of 3x3 twice, which is what lifts VGG-style
     * nets above the single-conv seeds on FER2013.
     */
    public static Sequential ferNet() {
        return vgg(new int[] {32, 64, 128, 256}, 256);
    }

    /**
     * fer-net with 160 and 320 filters in the 12x12 and 6x6 blocks and a 192-unit dense layer:
     * about 151 M multiply-adds per face (1.28x fer-net), 2.3 M parameters (9.3 MB). The extra
     * width goes where the feature maps are small, so it costs few multiply-adds, and every width
     * stays a multiple of the 16-float vector (40 or 80 filters ran slower than 64 at batch 1).
     */
    public static Sequential ferNetWide() {
        return vgg(new int[] {32, 64, 160, 320}, 192);
    }

    /** Four blocks of two 3x3 conv-BN-ReLU and a 2x2 max-pool, dropout 0.1-0.3 after blocks 2-4, then dense. */
    private static Sequential vgg(int[] blockFilters, int denseUnits) {
        float[] dropout = {0f, 0.1f, 0.2f, 0.3f};
        Sequential s = new Sequential(Architectures.FACE);
        for (int b = 0; b < blockFilters.length; b++) {
            convBnRelu(convBnRelu(s, blockFilters[b]), blockFilters[b]).add(new MaxPool2D(2));
            if (dropout[b] > 0) {
                s.add(new Dropout(dropout[b]));
            }
        }
        return s.add(new Flatten()).add(new Dense(denseUnits)).add(bn(0.99f)).add(new ReLU()).add(new Dropout(0.5f))
                .add(new Dense(Architectures.CLASSES));
    }

    /**
     * Three conv blocks (16, 32, 64 filters, each conv-BN-ReLU and a 2x2 max-pool), then dense
     * 2304 -> 128 -> 7: about 6 M multiply-adds per face, 20 times fewer than {@code fer-net}.
     * The batch norm after the wide dense layer matters: without it Adam's first steps pushed every
     * one of its ReLUs negative on FER2013 and the net learned only the class prior.
     */
    public static Sequential ferLite() {
        Sequential s = new Sequential(Architectures.FACE);
        convBnRelu(s, 16).add(new MaxPool2D(2));
        convBnRelu(s, 32).add(new MaxPool2D(2));
        convBnRelu(s, 64).add(new MaxPool2D(2)).add(new Dropout(0.25f));
        return s.add(new Flatten()).add(new Dense(128)).add(bn(0.99f)).add(new ReLU()).add(new Dropout(0.5f))
                .add(new Dense(Architectures.CLASSES));
    }

    /**
     * Two small conv blocks and a linear classifier on their 576 features: about 0.8 M
     * multiply-adds per face. No hidden dense layer, so no ReLU can die and leave it predicting one
     * class after a few aggressive steps. Its batch norm forgets faster (momentum 0.9) so that the
     * running statistics are usable after the few dozen steps of a smoke test.
     */
    public static Sequential ferTiny() {
        Sequential s = new Sequential(Architectures.FACE);
        convBnRelu(s, 8, 0.9f).add(new MaxPool2D(2));
        convBnRelu(s, 16, 0.9f).add(new MaxPool2D(2)).add(new MaxPool2D(2));
        return s.add(new Flatten()).add(new Dense(Architectures.CLASSES));
    }
}
