package dev.fer.trainer.metrics;

import java.util.Arrays;

/**
 * Counts of (actual class, predicted class) pairs, and the figures derived from them. Rows are the
 * actual classes, columns the predictions.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[][] counts;

    public ConfusionMatrix(int classes) {
        this.classes = classes;
        this.counts = new long[classes][classes];
    }

    public static ConfusionMatrix of(long[][] counts) {
        ConfusionMatrix m = new ConfusionMatrix(counts.length);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square; row " + i + " has " + counts[i].length);
            }
            System.arraycopy(counts[i], 0, m.counts[i], 0, counts.length);
        }
        return m;
    }

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public int classes() {
        return classes;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long[][] counts() {
        long[][] copy = new long[classes][];
        for (int i = 0; i < classes; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    public long correct() {
        long sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** Faces of class c (row sum). */
    public long support(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    /** Faces predicted as class c (column sum). */
    public long predicted(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public double accuracy() {
        long total = total();
        return total == 0 ? 0 : (double) correct() / total;
    }

    /** Of the faces predicted as c, the fraction that are c; 0 when nothing was predicted as c. */
    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? 0 : (double) counts[c][c] / p;
    }

    /** Of the faces of class c, the fraction predicted as c (the per-class accuracy). */
    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) counts[c][c] / s;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The unweighted mean of the per-class F1 scores, over classes that occur or are predicted. */
    public double macroF1() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < classes; c++) {
            if (support(c) > 0 || predicted(c) > 0) {
                sum += f1(c);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
