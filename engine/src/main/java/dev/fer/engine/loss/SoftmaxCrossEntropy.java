package dev.fer.engine.loss;

/**
 * Softmax fused with categorical cross-entropy, on logits: numerically stable (log-sum-exp with
 * the row maximum subtracted) and with a simple gradient, softmax - target. Label smoothing
 * mixes the one-hot target with the uniform distribution: target = (1 - s) * onehot + s / classes.
 */
public final class SoftmaxCrossEntropy {
    private final float labelSmoothing;

    public SoftmaxCrossEntropy() {
        this(0f);
    }

    public SoftmaxCrossEntropy(float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing < 1f)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1): " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    public float labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * Mean loss over the batch; writes d(mean loss)/d(logits) into {@code grad} (may be null).
     */
    public float lossAndGradient(float[] logits, int batch, int classes, int[] labels, float[] grad) {
        double total = 0;
        float off = labelSmoothing / classes;
        float on = 1f - labelSmoothing + off;
        for (int n = 0; n < batch; n++) {
            int label = labels[n];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of sample " + n + " is not in [0, " + classes + ")");
            }
            int row = n * classes;
            double logSum = logSumExp(logits, row, classes);
            double loss = 0;
            for (int j = 0; j < classes; j++) {
                float target = j == label ? on : off;
                loss += term(logits, row + j, logSum, target, batch, grad);
            }
            total += loss;
        }
        return (float) (total / batch);
    }

    /**
     * The same with soft targets, a distribution over the classes per sample ({@code batch x
     * classes}, rows summing to 1: mixup's blends of two labels, a teacher's probabilities),
     * smoothed like the labels: target = (1 - s) * t + s / classes.
     */
    public float lossAndGradient(float[] logits, int batch, int classes, float[] targets, float[] grad) {
        double total = 0;
        float off = labelSmoothing / classes;
        float keep = 1f - labelSmoothing;
        for (int n = 0; n < batch; n++) {
            int row = n * classes;
            double rowSum = 0;
            for (int j = 0; j < classes; j++) {
                float t = targets[row + j];
                if (!(t >= 0f)) {
                    throw new IllegalArgumentException("target " + j + " of sample " + n + " is " + t + ", not a probability");
                }
                rowSum += t;
            }
            if (Math.abs(rowSum - 1) > 1e-3) {
                throw new IllegalArgumentException("targets of sample " + n + " sum to " + rowSum + ", not 1");
            }
            double logSum = logSumExp(logits, row, classes);
            double loss = 0;
            for (int j = 0; j < classes; j++) {
                loss += term(logits, row + j, logSum, keep * targets[row + j] + off, batch, grad);
            }
            total += loss;
        }
        return (float) (total / batch);
    }

    /** log(sum(exp(row))), stable: the row's maximum taken out first. */
    private static double logSumExp(float[] logits, int row, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, logits[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += Math.exp(logits[row + j] - max);
        }
        return Math.log(sum) + max;
    }

    /** One class's share of a sample's loss, -target * log p; its gradient (p - target) / batch into grad. */
    private static double term(float[] logits, int i, double logSum, float target, int batch, float[] grad) {
        double logP = logits[i] - logSum;
        if (grad != null) {
            grad[i] = (float) ((Math.exp(logP) - target) / batch);
        }
        return target != 0f ? -target * logP : 0;
    }

    /** Softmax of each row of {@code logits} into {@code probs} (may be the same array). */
    public static void softmax(float[] logits, int batch, int classes, float[] probs) {
        for (int n = 0; n < batch; n++) {
            int row = n * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[row + j]);
            }
            float sum = 0f;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(logits[row + j] - max);
                probs[row + j] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < classes; j++) {
                probs[row + j] *= inv;
            }
        }
    }
}
