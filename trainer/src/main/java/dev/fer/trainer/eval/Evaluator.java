package dev.fer.trainer.eval;

import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.metrics.ConfusionMatrix;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.progress.ProgressBar;

import java.io.PrintStream;

/**
 * Runs a classifier over a face set: the confusion matrix and the mean cross-entropy. With
 * test-time augmentation the probabilities of each face and of its mirror image are averaged.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    /** The outcome of one evaluation. */
    public record Result(ConfusionMatrix matrix, double meanLoss) {}

    private Evaluator() {}

    public static Result evaluate(EmotionClassifier classifier, FaceSet faces, boolean tta, PrintStream progress) {
        int s = FaceSet.FACE_PIXELS;
        float[] inputs = new float[BATCH * s];
        float[] mirrored = tta ? new float[BATCH * s] : null;
        float[] probabilities = new float[BATCH * Emotion.COUNT];
        float[] mirroredProbabilities = tta ? new float[BATCH * Emotion.COUNT] : null;
        ConfusionMatrix matrix = new ConfusionMatrix(Emotion.COUNT);
        double lossSum = 0;
        try (ProgressBar bar = progress == null ? null
                : new ProgressBar(progress, tta ? "evaluating (tta)" : "evaluating", faces.size(), "img")) {
            for (int start = 0; start < faces.size(); start += BATCH) {
                int count = Math.min(BATCH, faces.size() - start);
                for (int i = 0; i < count; i++) {
                    EmotionClassifier.toInput(faces.pixels(), start + i, inputs, i * s);
                    if (tta) {
                        mirror(inputs, i * s, mirrored);
                    }
                }
                classifier.classify(inputs, count, probabilities);
                if (tta) {
                    classifier.classify(mirrored, count, mirroredProbabilities);
                    for (int i = 0; i < count * Emotion.COUNT; i++) {
                        probabilities[i] = 0.5f * (probabilities[i] + mirroredProbabilities[i]);
                    }
                }
                for (int i = 0; i < count; i++) {
                    int actual = faces.labels()[start + i];
                    int predicted = argmax(probabilities, i * Emotion.COUNT);
                    matrix.add(actual, predicted);
                    lossSum -= Math.log(Math.max(1e-12, probabilities[i * Emotion.COUNT + actual]));
                }
                if (bar != null) {
                    bar.step(count);
                }
            }
        }
        return new Result(matrix, faces.size() == 0 ? 0 : lossSum / faces.size());
    }

    /** Writes the left-right mirror of the face at {@code offset} to the same place in {@code dst}. */
    static void mirror(float[] src, int offset, float[] dst) {
        int n = EmotionClassifier.FACE_SIZE;
        for (int y = 0; y < n; y++) {
            int row = offset + y * n;
            for (int x = 0; x < n; x++) {
                dst[row + x] = src[row + n - 1 - x];
            }
        }
    }

    public static int argmax(float[] values, int offset) {
        int best = 0;
        for (int c = 1; c < Emotion.COUNT; c++) {
            if (values[offset + c] > values[offset + best]) {
                best = c;
            }
        }
        return best;
    }
}
