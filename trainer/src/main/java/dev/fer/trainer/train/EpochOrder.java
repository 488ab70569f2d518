package dev.fer.trainer.train;

import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.model.Emotion;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The faces of each epoch, in order: a shuffle of the whole training set, or, with class weights,
 * as many faces drawn with replacement with each class's share raised towards uniform, which is
 * how the imbalance (disgust 436 faces, happy 7,215) is weighted without touching the loss.
 */
public final class EpochOrder {
    private final FaceSet faces;
    private final String classWeights;
    private final double[] cumulative;

    /** @param classWeights "none", "sqrt" (weight 1/sqrt(n_class)) or "balanced" (1/n_class) */
    public EpochOrder(FaceSet faces, String classWeights) {
        this.faces = faces;
        this.classWeights = classWeights;
        this.cumulative = classWeights.equals("none") ? null : cumulative(faces, weights(faces.classCounts(), classWeights));
    }

    /** Per-class sampling weights, normalized so that an average face weighs 1. */
    public static double[] weights(int[] counts, String mode) {
        double[] w = new double[Emotion.COUNT];
        long total = Arrays.stream(counts).sum();
        double mean = 0;
        for (int c = 0; c < w.length; c++) {
            w[c] = counts[c] == 0 ? 0 : switch (mode) {
                case "none" -> 1;
                case "sqrt" -> 1 / Math.sqrt(counts[c]);
                case "balanced" -> 1.0 / counts[c];
                default -> throw new IllegalArgumentException("class weights must be none, sqrt or balanced: " + mode);
            };
            mean += w[c] * counts[c];
        }
        mean /= Math.max(1, total);
        for (int c = 0; c < w.length; c++) {
            w[c] /= mean;
        }
        return w;
    }

    private static double[] cumulative(FaceSet faces, double[] weights) {
        double[] cdf = new double[faces.size()];
        double sum = 0;
        for (int i = 0; i < cdf.length; i++) {
            sum += weights[faces.labels()[i]];
            cdf[i] = sum;
        }
        return cdf;
    }

    public int[] epoch(long seed, int epoch) {
        if (cumulative == null) {
            return Seeds.permutation(faces.size(), seed, epoch);
        }
        SplittableRandom rng = Seeds.random(seed, Seeds.ORDER, epoch, 0);
        double total = cumulative[cumulative.length - 1];
        int[] order = new int[faces.size()];
        for (int i = 0; i < order.length; i++) {
            int at = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            order[i] = at >= 0 ? at : Math.min(-at - 1, cumulative.length - 1);
        }
        return order;
    }

}
