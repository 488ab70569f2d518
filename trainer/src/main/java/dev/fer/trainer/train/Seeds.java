package dev.fer.trainer.train;

import java.util.SplittableRandom;

/**
 * Derives every random stream of a run from (run seed, purpose, epoch, index) alone, so that an
 * epoch's data order and each face's augmentation are the same whether the run was resumed or not,
 * and whichever thread prepares the face.
 */
public final class Seeds {
    public static final long ORDER = 1;
    public static final long AUGMENT = 2;
    public static final long INIT = 3;
    public static final long MIXUP = 4;

    private Seeds() {}

    public static long derive(long seed, long purpose, long epoch, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ purpose * 0xBF58476D1CE4E5B9L);
        h = mix(h ^ epoch * 0x94D049BB133111EBL);
        return mix(h ^ index);
    }

    public static SplittableRandom random(long seed, long purpose, long epoch, long index) {
        return new SplittableRandom(derive(seed, purpose, epoch, index));
    }

    /** The data order of an epoch: a Fisher-Yates shuffle of 0..n-1. */
    public static int[] permutation(int n, long seed, long epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = random(seed, ORDER, epoch, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SplitMix64's finalizer: a bijective, well-mixing 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
