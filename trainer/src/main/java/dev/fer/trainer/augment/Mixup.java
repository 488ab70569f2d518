package dev.fer.trainer.augment;

import java.util.random.RandomGenerator;

/**
 * Mixup (Zhang et al., "mixup: Beyond Empirical Risk Minimization", ICLR 2018): a training batch
 * is blended with a shuffled copy of itself, {@code x_i = lam x_i + (1 - lam) x_pi(i)}, and its
 * one-hot targets alike, with one {@code lam ~ Beta(alpha, alpha)} per batch. The network then
 * sees faces between two expressions with targets to match, which regularizes it against the
 * label noise FER2013 is known for. Runs after augmentation, on the batch as the model gets it.
 * Buffers are made once per batch size: nothing is allocated per batch after the first.
 */
public final class Mixup {
    private final double alpha;
    private final int classes;
    private float[] originalInputs = new float[0];
    private float[] originalTargets = new float[0];
    private int[] partner = new int[0];

    /** @param alpha the Beta distribution's parameter: small (0.1-0.4) keeps most faces close to one of the pair */
    public Mixup(double alpha, int classes) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("mixup alpha must be a positive number: " + alpha);
        }
        this.alpha = alpha;
        this.classes = classes;
    }

    /**
     * Blends the first {@code count} faces of {@code inputs} ({@code faceSize} floats each) and their
     * targets ({@code count x classes}: one-hot labels, or a teacher's soft targets) in place, each
     * with the same partner. The pairing and {@code lam} come from {@code random} alone (derive it
     * from the run seed, epoch and batch, so a resumed run blends alike). Returns {@code lam}.
     */
    public float apply(float[] inputs, float[] targets, int count, int faceSize, RandomGenerator random) {
        float lam = (float) beta(alpha, random);
        if (originalInputs.length < count * faceSize) {
            originalInputs = new float[count * faceSize];
            originalTargets = new float[count * classes];
            partner = new int[count];
        }
        System.arraycopy(inputs, 0, originalInputs, 0, count * faceSize);
        System.arraycopy(targets, 0, originalTargets, 0, count * classes);
        for (int i = 0; i < count; i++) {
            partner[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = partner[i];
            partner[i] = partner[j];
            partner[j] = t;
        }
        float rest = 1f - lam;
        for (int i = 0; i < count; i++) {
            blend(originalInputs, i * faceSize, partner[i] * faceSize, faceSize, lam, rest, inputs);
            blend(originalTargets, i * classes, partner[i] * classes, classes, lam, rest, targets);
        }
        return lam;
    }

    /** {@code to[self..] = lam from[self..] + rest from[other..]}, {@code length} values. */
    private static void blend(float[] from, int self, int other, int length, float lam, float rest, float[] to) {
        for (int k = 0; k < length; k++) {
            to[self + k] = lam * from[self + k] + rest * from[other + k];
        }
    }

    /** A draw from Beta(a, a): X / (X + Y) with X, Y ~ Gamma(a, 1). */
    static double beta(double a, RandomGenerator random) {
        double x = gamma(a, random);
        double y = gamma(a, random);
        return x + y > 0 ? x / (x + y) : 0.5;
    }

    /**
     * A draw from Gamma(shape, 1): Marsaglia and Tsang's squeeze method ("A Simple Method for
     * Generating Gamma Variables", 2000), with their boost {@code Gamma(a) = Gamma(a + 1) U^(1/a)}
     * for shapes below 1.
     */
    static double gamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
