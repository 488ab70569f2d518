package dev.fer.trainer.train;

import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.eval.Evaluator;
import dev.fer.trainer.model.Emotion;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Knowledge distillation (Hinton, Vinyals and Dean, "Distilling the Knowledge in a Neural
 * Network", 2015) from trained models, the teachers: each training face's target becomes
 * {@code (1 - w) onehot(label) + w p(face)}, where {@code p} is the teachers' mean probability on
 * the face and its mirror image, un-augmented, computed once before training. An ensemble's
 * probabilities say what one label cannot: which other expressions a face resembles and how sure
 * its label is, which matters on FER2013 with its noisy labels. The student sees augmented faces
 * against the targets of the un-augmented ones, as augmentation keeps the expression.
 */
public final class Distillation {
    private final float[] probabilities;
    private final float weight;

    Distillation(float[] probabilities, float weight) {
        if (!(weight > 0f && weight <= 1f)) {
            throw new IllegalArgumentException("the teachers' weight in the targets must be in (0, 1], got " + weight);
        }
        this.probabilities = probabilities;
        this.weight = weight;
    }

    /**
     * The teachers' mean probabilities (mirror averaging on) of every face of {@code faces}: model
     * files, or "default" and "fast" for the bundled models.
     */
    public static Distillation of(List<String> teachers, FaceSet faces, double weight, int threads, PrintStream log)
            throws IOException {
        if (teachers.isEmpty()) {
            throw new IllegalArgumentException("distillation needs at least one teacher");
        }
        log.println("teachers: their mean probabilities of " + faces.size() + " training faces, with mirror averaging");
        float[] mean = Evaluator.meanProbabilities(teachers, faces, threads, true, log);
        log.println(describe(mean, faces));
        return new Distillation(mean, (float) weight);
    }

    /** How sure the teachers are of the training labels: their accuracy and mean probability of the label. */
    static String describe(float[] probabilities, FaceSet faces) {
        int right = 0;
        double labelProbability = 0;
        for (int i = 0; i < faces.size(); i++) {
            int label = faces.labels()[i];
            right += Evaluator.argmax(probabilities, i * Emotion.COUNT) == label ? 1 : 0;
            labelProbability += probabilities[i * Emotion.COUNT + label];
        }
        int n = Math.max(1, faces.size());
        return String.format(Locale.ROOT, "teachers on the training faces: accuracy %.4f, mean probability of the label %.4f",
                (double) right / n, labelProbability / n);
    }

    /** The teachers' mean probabilities, {@code faces x 7}. */
    public float[] probabilities() {
        return probabilities;
    }

    /** The targets of {@code count} faces ({@code count x 7}): face indices in the training set and their labels. */
    public void targets(int[] faces, int[] labels, int count, float[] targets) {
        float keep = 1f - weight;
        for (int i = 0; i < count; i++) {
            int row = i * Emotion.COUNT;
            int from = faces[i] * Emotion.COUNT;
            for (int j = 0; j < Emotion.COUNT; j++) {
                targets[row + j] = weight * probabilities[from + j] + (j == labels[i] ? keep : 0f);
            }
        }
    }
}
