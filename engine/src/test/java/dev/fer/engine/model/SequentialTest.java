package dev.fer.engine.model;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.BatchNorm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.DepthwiseConv2D;
import dev.fer.engine.layer.Dropout;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.Flatten;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.layer.MaxPool2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.layer.Param;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.layer.SeparableConv2D;
import dev.fer.engine.optim.Adam;
import dev.fer.engine.optim.Optimizer;
import dev.fer.engine.optim.Sgd;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import dev.fer.engine.zoo.Architectures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequentialTest {

    static Sequential tinyNet(long seed) {
        return new Sequential(Shape.of(1, SyntheticTask.SIZE, SyntheticTask.SIZE))
                .add(new Conv2D(8, 3).padding(Padding.SAME)).add(new BatchNorm()).add(new ReLU())
                .add(new MaxPool2D(2))
                .add(new Conv2D(16, 3).padding(Padding.SAME)).add(new BatchNorm()).add(new ReLU())
                .add(new MaxPool2D(2)).add(new Dropout(0.2f))
                .add(new Flatten()).add(new Dense(SyntheticTask.CLASSES))
                .seed(seed);
    }

    private static float train(Sequential model, SyntheticTask data, Function<Sequential, Optimizer> optimizer,
                               int epochs) {
        Optimizer opt = optimizer.apply(model);
        int batch = 32;
        int size = SyntheticTask.SIZE * SyntheticTask.SIZE;
        float loss = 0;
        for (int e = 0; e < epochs; e++) {
            for (int b = 0; b + batch <= data.count; b += batch) {
                float[] x = Arrays.copyOfRange(data.images, b * size, (b + batch) * size);
                int[] y = Arrays.copyOfRange(data.labels, b, b + batch);
                loss = model.trainStep(x, y, batch);
                opt.step();
            }
        }
        return loss;
    }

    @Test
    void tinyNetworkLearnsSyntheticTaskWithAdam() {
        SyntheticTask trainSet = new SyntheticTask(512, 1);
        SyntheticTask testSet = new SyntheticTask(256, 2);
        try (Sequential model = tinyNet(3)) {
            float before = testSet.accuracy(model);
            train(model, trainSet, m -> new Adam(m.params(), 3e-3f), 6);
            float after = testSet.accuracy(model);
            assertTrue(after >= 0.97f, "test accuracy " + after + " (before training " + before + ")");
        }
    }

    @Test
    void tinyNetworkLearnsWithNesterovSgdOnTwoThreads() {
        SyntheticTask trainSet = new SyntheticTask(512, 1);
        SyntheticTask testSet = new SyntheticTask(256, 2);
        try (Sequential model = tinyNet(4).threads(2)) {
            train(model, trainSet, m -> new Sgd(m.params(), 0.05f, 0.9f, true), 6);
            float after = testSet.accuracy(model);
            assertTrue(after >= 0.97f, "test accuracy " + after);
        }
    }

    @Test
    void sameSeedAndThreadsGiveBitIdenticalTraining() {
        SyntheticTask data = new SyntheticTask(128, 5);
        for (int threads : new int[] {1, 2}) {
            float[][] runs = new float[2][];
            for (int run = 0; run < 2; run++) {
                try (Sequential model = tinyNet(11).threads(threads)) {
                    train(model, data, m -> new Adam(m.params(), 1e-3f), 2);
                    runs[run] = flatten(model);
                }
            }
            assertArrayEquals(runs[0], runs[1], "threads " + threads);
        }
    }

    @Test
    void oneHotTargetsTrainAsTheLabelsDo() {
        SyntheticTask data = new SyntheticTask(32, 8);
        float[] targets = new float[data.count * SyntheticTask.CLASSES];
        for (int n = 0; n < data.count; n++) {
            targets[n * SyntheticTask.CLASSES + data.labels[n]] = 1f;
        }
        try (Sequential byLabel = tinyNet(17).build(); Sequential byTarget = tinyNet(17).build()) {
            float a = byLabel.trainStep(data.images, data.labels, data.count);
            float b = byTarget.trainStep(data.images, targets, data.count);
            assertEquals(a, b, 1e-6f);
            for (int i = 0; i < byLabel.params().size(); i++) {
                Param p = byLabel.params().get(i);
                if (p.trainable()) {
                    assertArrayEquals(p.grad, byTarget.params().get(i).grad, 1e-7f, p.name());
                }
            }
        }
    }

    @Test
    void scalarAndVectorKernelsTrainAlike() {
        SyntheticTask data = new SyntheticTask(64, 6);
        float[] a;
        float[] b;
        try (Sequential model = tinyNet(12).kernels(Kernels.scalar())) {
            train(model, data, m -> new Sgd(m.params(), 0.01f), 1);
            a = flatten(model);
        }
        try (Sequential model = tinyNet(12).kernels(Kernels.best())) {
            train(model, data, m -> new Sgd(m.params(), 0.01f), 1);
            b = flatten(model);
        }
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-3f + 1e-3f * Math.abs(a[i]), "parameter value " + i);
        }
    }

    @Test
    void foldedModelPredictsTheSame() {
        SyntheticTask data = new SyntheticTask(128, 7);
        try (Sequential model = tinyNet(13)) {
            train(model, data, m -> new Adam(m.params(), 1e-3f), 2);
            Sequential folded = model.foldedForInference();
            assertTrue(folded.layers().stream().noneMatch(l -> l instanceof BatchNorm || l instanceof Dropout));
            float[] p = new float[data.count * SyntheticTask.CLASSES];
            float[] q = new float[p.length];
            model.predict(data.images, data.count, p);
            folded.predict(data.images, data.count, q);
            assertArrayEquals(p, q, 1e-4f);
        }
    }

    /** Inference runs conv+ReLU as one pass; its result is the two layers' result, bit for bit. */
    @Test
    void fusedConvReluInferenceMatchesTheLayersOneByOne() {
        SyntheticTask data = new SyntheticTask(128, 9); // 128 x 144 output rows: many fused row blocks, one partial
        for (Kernels kernels : new Kernels[] {Kernels.best(), Kernels.scalar()}) {
            for (int threads : new int[] {1, 2}) {
                try (Sequential trained = tinyNet(17);
                     Workers workers = Workers.of(threads)) {
                    train(trained, data, m -> new Adam(m.params(), 1e-3f), 1);
                    Sequential folded = trained.foldedForInference().kernels(kernels).threads(threads);
                    assertTrue(Sequential.fusesRelu(folded.layers(), 0, false), "the first conv is followed by its ReLU");
                    float[] fused = folded.forward(new Tensor(folded.inputShape(), data.count, data.images), false)
                            .data.clone();
                    Context ctx = new Context(false, workers, kernels, 1);
                    Tensor t = new Tensor(folded.inputShape(), data.count, data.images);
                    for (Layer layer : folded.layers()) {
                        t = layer.forward(t, ctx);
                    }
                    assertArrayEquals(t.data, Arrays.copyOf(fused, t.data.length),
                            kernels.name() + ", " + threads + " threads");
                }
            }
        }
    }

    /**
     * W1's F(4x4) blocks (conv, ReLU, 2x2 max-pool) run as one pass in inference; the network's
     * output is the layers' one by one, bit for bit, at batch 1 and 3, with both kernel sets.
     */
    @Test
    void fusedConvReluPoolInferenceMatchesTheLayersOneByOne() {
        try (Sequential w1 = Architectures.ferSmall().seed(3).build();
             Sequential folded = w1.foldedForInference()) {
            Context probe = new Context(false, Workers.single(), Kernels.best(), 1);
            long fusedBlocks = java.util.stream.IntStream.range(0, folded.layers().size())
                    .filter(i -> Sequential.fusesReluAndPool(folded.layers(), i, probe)).count();
            assertEquals(3, fusedBlocks, "W1's second to fourth convolutions pool in their output pass");
            float[] images = new float[3 * folded.inputShape().size()];
            java.util.Random random = new java.util.Random(8);
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) random.nextGaussian();
            }
            for (Kernels kernels : new Kernels[] {Kernels.best(), Kernels.scalar()}) {
                for (int batch : new int[] {1, 3}) {
                    folded.kernels(kernels).threads(2);
                    float[] fused = folded.forward(new Tensor(folded.inputShape(), batch, images), false).data.clone();
                    try (Workers workers = Workers.of(2)) {
                        Context ctx = new Context(false, workers, kernels, 1);
                        Tensor t = new Tensor(folded.inputShape(), batch, images);
                        for (Layer layer : folded.layers()) {
                            t = layer.forward(t, ctx);
                        }
                        assertArrayEquals(t.data, Arrays.copyOf(fused, t.data.length), kernels.name() + ", batch " + batch);
                    }
                }
            }
        }
    }

    /**
     * A batch runs image-parallel on replicas of the layers (a composite SeparableConv2D, a
     * depthwise convolution and batch norm among them): every image's probabilities are bit for bit
     * those of the image alone, for any thread count and uneven splits, and the replicas follow
     * the weights when training changes them.
     */
    @Test
    void imageParallelInferenceMatchesOneImageAtATime() {
        SyntheticTask data = new SyntheticTask(64, 21);
        int size = SyntheticTask.SIZE * SyntheticTask.SIZE;
        int batch = 7;
        try (Sequential model = new Sequential(Shape.of(1, SyntheticTask.SIZE, SyntheticTask.SIZE))
                .add(new Conv2D(8, 3).padding(Padding.SAME)).add(new BatchNorm()).add(new ReLU())
                .add(new SeparableConv2D(16, 3).padding(Padding.SAME)).add(new ReLU())
                .add(new DepthwiseConv2D(3).padding(Padding.SAME)).add(new MaxPool2D(2))
                .add(new Flatten()).add(new Dense(SyntheticTask.CLASSES)).seed(5)) {
            for (int round = 0; round < 2; round++) {
                train(model, data, m -> new Adam(m.params(), 1e-3f), 1); // new weights each round
                model.threads(1);
                float[] alone = new float[batch * SyntheticTask.CLASSES];
                float[] one = new float[SyntheticTask.CLASSES];
                for (int n = 0; n < batch; n++) {
                    model.predict(Arrays.copyOfRange(data.images, n * size, (n + 1) * size), 1, one);
                    System.arraycopy(one, 0, alone, n * one.length, one.length);
                }
                for (int threads : new int[] {1, 2, 3}) {
                    float[] together = new float[alone.length];
                    model.threads(threads).predict(data.images, batch, together);
                    assertArrayEquals(alone, together, "round " + round + ", " + threads + " threads");
                }
            }
        }
    }

    @Test
    void l2AddsToLossAndGradient() {
        Sequential model = new Sequential(Shape.of(3)).add(new Dense(2).l2(0.5f)).seed(1);
        float[] x = {0f, 0f, 0f};
        int[] y = {0};
        float loss = model.trainStep(x, y, 1);
        Param w = model.params().getFirst();
        double sum = 0;
        for (float v : w.value) {
            sum += v * v;
        }
        assertEquals(Math.log(2) + 0.5 * sum, loss, 1e-5);
        for (int i = 0; i < w.size(); i++) {
            assertEquals(2 * 0.5f * w.value[i], w.grad[i], 1e-6f);
        }
    }

    static float[] flatten(Sequential model) {
        int n = model.params().stream().mapToInt(Param::size).sum();
        float[] all = new float[n];
        int o = 0;
        for (Param p : model.params()) {
            System.arraycopy(p.value, 0, all, o, p.size());
            o += p.size();
        }
        return all;
    }
}
