package dev.fer.trainer.eval;

import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.metrics.ConfusionMatrix;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.progress.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

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
        return evaluate(probabilities(classifier, faces, progress), faces);
    }

    /** The outcome of given probabilities of every face ({@code faces.size() x 7}): an ensemble's, say. */
    public static Result evaluate(float[] probabilities, FaceSet faces) {
        ConfusionMatrix matrix = new ConfusionMatrix(Emotion.COUNT);
        double lossSum = 0;
        for (int i = 0; i < faces.size(); i++) {
            int actual = faces.labels()[i];
            matrix.add(actual, argmax(probabilities, i * Emotion.COUNT));
            lossSum -= Math.log(Math.max(1e-12, probabilities[i * Emotion.COUNT + actual]));
        }
        return new Result(matrix, faces.size() == 0 ? 0 : lossSum / faces.size());
    }

    /**
     * The mean probabilities of several models (files, or the bundled "default" and "fast") over
     * every face, each model with {@code threads} threads and mirror averaging if {@code tta}: an
     * ensemble, which is how distillation's teachers are read as well.
     */
    public static float[] meanProbabilities(List<String> models, FaceSet faces, int threads, boolean tta,
                                            PrintStream progress) throws IOException {
        float[] mean = new float[faces.size() * Emotion.COUNT];
        for (String model : models) {
            try (EmotionClassifier classifier = EmotionClassifier.open(model).threads(threads).mirrorAveraging(tta)) {
                if (progress != null) {
                    progress.println("model " + model + ": " + faces.size() + " faces" + (tta ? " and their mirror images" : ""));
                }
                float[] p = probabilities(classifier, faces, progress);
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += p[i] / models.size();
                }
            }
        }
        return mean;
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
