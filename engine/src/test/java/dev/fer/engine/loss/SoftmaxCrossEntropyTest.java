package dev.fer.engine.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Soft targets: one-hot rows give the labels' loss exactly, and the gradient matches finite differences. */
class SoftmaxCrossEntropyTest {
    private static final int BATCH = 5;
    private static final int CLASSES = 7;

    @Test
    void oneHotTargetsGiveTheLabelsLossAndGradientExactly() {
        float[] logits = logits(1);
        int[] labels = {0, 6, 3, 3, 1};
        float[] targets = new float[BATCH * CLASSES];
        for (int n = 0; n < BATCH; n++) {
            targets[n * CLASSES + labels[n]] = 1f;
        }
        for (float smoothing : new float[] {0f, 0.1f}) {
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(smoothing);
            float[] byLabel = new float[logits.length];
            float[] byTarget = new float[logits.length];
            float a = loss.lossAndGradient(logits, BATCH, CLASSES, labels, byLabel);
            float b = loss.lossAndGradient(logits, BATCH, CLASSES, targets, byTarget);
            assertEquals(a, b, 1e-6f);
            assertArrayEquals(byLabel, byTarget, 1e-7f);
        }
    }

    @Test
    void softTargetGradientMatchesFiniteDifferences() {
        float[] logits = logits(2);
        float[] targets = new float[BATCH * CLASSES];
        Random random = new Random(3);
        for (int n = 0; n < BATCH; n++) {
            // a mixup-like blend of two classes, and a little everywhere as a teacher gives
            float lambda = random.nextFloat();
            int a = random.nextInt(CLASSES);
            int b = random.nextInt(CLASSES);
            for (int j = 0; j < CLASSES; j++) {
                targets[n * CLASSES + j] = 0.02f;
            }
            targets[n * CLASSES + a] += (1 - 0.02f * CLASSES) * lambda;
            targets[n * CLASSES + b] += (1 - 0.02f * CLASSES) * (1 - lambda);
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(0.1f);
        float[] grad = new float[logits.length];
        loss.lossAndGradient(logits, BATCH, CLASSES, targets, grad);
        double h = 1e-2;
        for (int i = 0; i < logits.length; i++) {
            float saved = logits[i];
            logits[i] = (float) (saved + h);
            double up = loss.lossAndGradient(logits, BATCH, CLASSES, targets, null);
            logits[i] = (float) (saved - h);
            double down = loss.lossAndGradient(logits, BATCH, CLASSES, targets, null);
            logits[i] = saved;
            assertEquals((up - down) / (2 * h), grad[i], 2e-4, "logit " + i);
        }
    }

    @Test
    void targetsThatAreNotADistributionAreRefused() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float[] logits = logits(4);
        float[] half = new float[BATCH * CLASSES];
        for (int n = 0; n < BATCH; n++) {
            half[n * CLASSES] = n == 2 ? 0.5f : 1f;
        }
        var e = assertThrows(IllegalArgumentException.class, () -> loss.lossAndGradient(logits, BATCH, CLASSES, half, null));
        assertTrue(e.getMessage().contains("sample 2"), e.getMessage());
        float[] negative = new float[BATCH * CLASSES];
        for (int n = 0; n < BATCH; n++) {
            negative[n * CLASSES] = 1.5f;
            negative[n * CLASSES + 1] = -0.5f;
        }
        assertThrows(IllegalArgumentException.class, () -> loss.lossAndGradient(logits, BATCH, CLASSES, negative, null));
    }

    private static float[] logits(long seed) {
        Random random = new Random(seed);
        float[] logits = new float[BATCH * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (random.nextGaussian() * 2);
        }
        return logits;
    }
}
