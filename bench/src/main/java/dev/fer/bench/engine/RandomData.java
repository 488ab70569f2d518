package dev.fer.bench.engine;

import java.util.SplittableRandom;

/** Seeded benchmark inputs: standard-normal floats (as torch.randn) and uniform class labels. */
final class RandomData {
    private RandomData() {}

    static float[] gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    static int[] labels(int n, int classes, long seed) {
        return new SplittableRandom(seed).ints(n, 0, classes).toArray();
    }
}
