package dev.fer.trainer.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mixup's blends and targets (from one-hot rows, as the trainer gives it without teachers), its determinism, and the Beta and Gamma draws behind it. */
class MixupTest {
    private static final int CLASSES = 7;
    private static final int FACE = 12;
    private static final int COUNT = 9;

    @Test
    void everyFaceIsABlendOfItselfAndOnePartnerWithTargetsToMatch() {
        float[] inputs = faces(1);
        float[] original = inputs.clone();
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 0, 3};
        float[] targets = oneHot(labels);
        float lam = new Mixup(0.4, CLASSES).apply(inputs, targets, COUNT, FACE, new SplittableRandom(5));
        assertTrue(lam >= 0f && lam <= 1f, "lam " + lam);
        boolean[] taken = new boolean[COUNT];
        for (int i = 0; i < COUNT; i++) {
            int partner = -1;
            for (int j = 0; j < COUNT && partner < 0; j++) {
                if (!taken[j] && blends(inputs, original, i, j, lam)) {
                    partner = j;
                }
            }
            assertTrue(partner >= 0, "face " + i + " is no blend of itself and another face with lam " + lam);
            taken[partner] = true; // the partners are a permutation of the batch
            float[] want = new float[CLASSES];
            want[labels[i]] += lam;
            want[labels[partner]] += 1 - lam;
            float[] row = new float[CLASSES];
            System.arraycopy(targets, i * CLASSES, row, 0, CLASSES);
            assertArrayEquals(want, row, 1e-6f, "targets of face " + i);
        }
    }

    @Test
    void theSameRandomStreamBlendsTheSameWay() {
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 0, 3};
        float[] a = faces(2);
        float[] b = faces(2);
        float[] ta = oneHot(labels);
        float[] tb = oneHot(labels);
        Mixup mixup = new Mixup(0.2, CLASSES);
        mixup.apply(a, ta, COUNT, FACE, new SplittableRandom(9));
        new Mixup(0.2, CLASSES).apply(b, tb, COUNT, FACE, new SplittableRandom(9));
        assertArrayEquals(a, b);
        assertArrayEquals(ta, tb);
        float[] c = faces(2);
        mixup.apply(c, oneHot(labels), COUNT, FACE, new SplittableRandom(10));
        assertTrue(!java.util.Arrays.equals(a, c), "another stream, another blend");
    }

    @Test
    void betaDrawsHaveTheBetaMeanAndVariance() {
        for (double alpha : new double[] {0.2, 1, 2}) {
            SplittableRandom random = new SplittableRandom(3);
            int n = 40_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double x = Mixup.beta(alpha, random);
                assertTrue(x >= 0 && x <= 1, "draw " + x);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            // Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1))
            assertEquals(0.5, mean, 0.01, "mean, alpha " + alpha);
            assertEquals(1 / (4 * (2 * alpha + 1)), variance, 0.01, "variance, alpha " + alpha);
        }
    }

    @Test
    void gammaDrawsHaveTheShapeAsMean() {
        for (double shape : new double[] {0.3, 1, 3.5}) {
            SplittableRandom random = new SplittableRandom(4);
            double sum = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                sum += Mixup.gamma(shape, random);
            }
            assertEquals(shape, sum / n, 0.03 * Math.max(1, shape), "shape " + shape);
        }
    }

    @Test
    void alphaMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Mixup(0, CLASSES));
        assertThrows(IllegalArgumentException.class, () -> new Mixup(Double.NaN, CLASSES));
    }

    private static boolean blends(float[] mixed, float[] original, int i, int j, float lam) {
        for (int k = 0; k < FACE; k++) {
            float want = lam * original[i * FACE + k] + (1 - lam) * original[j * FACE + k];
            if (Math.abs(mixed[i * FACE + k] - want) > 1e-5f) {
                return false;
            }
        }
        return true;
    }

    private static float[] oneHot(int[] labels) {
        float[] targets = new float[COUNT * CLASSES];
        for (int i = 0; i < COUNT; i++) {
            targets[i * CLASSES + labels[i]] = 1f;
        }
        return targets;
    }

    private static float[] faces(long seed) {
        Random random = new Random(seed);
        float[] faces = new float[COUNT * FACE];
        for (int i = 0; i < faces.length; i++) {
            faces[i] = random.nextFloat();
        }
        return faces;
    }
}
