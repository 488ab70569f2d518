package dev.fer.trainer.eval;

import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.metrics.ConfusionMatrix;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.progress.ProgressBar;

import java.io.PrintStream;

/**
 * Runs a classifier over a face set: the confusion matrix and the mean cross-entropy. With the
 * classifier's {@link EmotionClassifier#mirrorAveraging} on (test-time augmentation), each face's
 * probabilities are averaged with its mirror image's.
 */
public final class Evaluator {
    private static final int BATCH = 256;

    /** The outcome of one evaluation. */
    public record Result(ConfusionMatrix matrix, double meanLoss) {}

    private Evaluator() {}

    public static Result evaluate(EmotionClassifier classifier, FaceSet faces, PrintStream progress) {
        float[] probabilities = probabilities(classifier, faces, progress);
        ConfusionMatrix matrix = new ConfusionMatrix(Emotion.COUNT);
        double lossSum = 0;
        for (int i = 0; i < faces.size(); i++) {
            int actual = faces.labels()[i];
            matrix.add(actual, argmax(probabilities, i * Emotion.COUNT));
            lossSum -= Math.log(Math.max(1e-12, probabilities[i * Emotion.COUNT + actual]));
        }
        return new Result(matrix, faces.size() == 0 ? 0 : lossSum / faces.size());
    }

    /** The classifier's probabilities of every face ({@code faces.size() x 7}, in {@link Emotion} order). */
    public static float[] probabilities(EmotionClassifier classifier, FaceSet faces, PrintStream progress) {
        int s = FaceSet.FACE_PIXELS;
        float[] inputs = new float[BATCH * s];
        float[] probabilities = new float[faces.size() * Emotion.COUNT];
        float[] batch = new float[BATCH * Emotion.COUNT];
        boolean tta = classifier.mirrorAveraging();
        try (ProgressBar bar = progress == null ? null
                : new ProgressBar(progress, tta ? "evaluating (tta)" : "evaluating", faces.size(), "img")) {
            for (int start = 0; start < faces.size(); start += BATCH) {
                int count = Math.min(BATCH, faces.size() - start);
                for (int i = 0; i < count; i++) {
                    EmotionClassifier.toInput(faces.pixels(), start + i, inputs, i * s);
                }
                classifier.classify(inputs, count, batch);
                System.arraycopy(batch, 0, probabilities, start * Emotion.COUNT, count * Emotion.COUNT);
                if (bar != null) {
                    bar.step(count);
                }
            }
        }
        return probabilities;
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
