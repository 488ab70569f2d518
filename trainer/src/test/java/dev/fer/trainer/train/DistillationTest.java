package dev.fer.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.eval.Evaluator;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.model.Networks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teachers' probabilities are their mean with mirror averaging, and targets blend them with the label. */
class DistillationTest {
    private static final int FACES = 10;

    @TempDir
    Path dir;

    @Test
    void teachersAreAveragedWithTheirMirrorImagesAndBlendedWithTheLabel() throws IOException {
        Networks.register();
        FaceSet faces = randomFaces();
        Path a = dir.resolve("a.fer");
        Path b = dir.resolve("b.fer");
        try (Sequential first = Architectures.create(Networks.TINY).seed(1).build();
             Sequential second = Architectures.create(Networks.TINY).seed(2).build()) {
            first.save(a);
            second.save(b);
        }
        Distillation d = Distillation.of(List.of(a.toString(), b.toString()), faces, 0.25, 1,
                new PrintStream(new ByteArrayOutputStream()));

        float[] pa;
        float[] pb;
        try (EmotionClassifier ca = EmotionClassifier.load(a).mirrorAveraging(true);
             EmotionClassifier cb = EmotionClassifier.load(b).mirrorAveraging(true)) {
            pa = Evaluator.probabilities(ca, faces, null);
            pb = Evaluator.probabilities(cb, faces, null);
        }
        float[] mean = new float[pa.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = pa[i] / 2 + pb[i] / 2;
        }
        assertArrayEquals(mean, d.probabilities(), 1e-6f);

        int[] batchFaces = {7, 2, 7};
        int[] labels = {faces.labels()[7], faces.labels()[2], faces.labels()[7]};
        float[] targets = new float[batchFaces.length * Emotion.COUNT];
        d.targets(batchFaces, labels, batchFaces.length, targets);
        for (int i = 0; i < batchFaces.length; i++) {
            float sum = 0;
            for (int j = 0; j < Emotion.COUNT; j++) {
                float want = 0.25f * mean[batchFaces[i] * Emotion.COUNT + j] + (j == labels[i] ? 0.75f : 0f);
                assertEquals(want, targets[i * Emotion.COUNT + j], 1e-6f, "face " + batchFaces[i] + ", class " + j);
                sum += targets[i * Emotion.COUNT + j];
            }
            assertEquals(1f, sum, 1e-5f);
        }
    }

    @Test
    void theSummarySaysHowSureTheTeachersAreOfTheLabels() {
        byte[] labels = {0, 1};
        FaceSet two = new FaceSet(new byte[2 * FaceSet.FACE_PIXELS], labels);
        float[] p = new float[2 * Emotion.COUNT];
        p[0] = 0.8f; // face 0: label 0 at 0.8, right
        p[1] = 0.2f;
        p[Emotion.COUNT] = 0.6f; // face 1: label 1 at 0.4, wrong
        p[Emotion.COUNT + 1] = 0.4f;
        assertEquals("teachers on the training faces: accuracy 0.5000, mean probability of the label 0.6000",
                Distillation.describe(p, two));
    }

    @Test
    void theTeachersShareMustBeAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new Distillation(new float[7], 0f));
        assertThrows(IllegalArgumentException.class, () -> new Distillation(new float[7], 1.5f));
        assertThrows(IllegalArgumentException.class, () -> new TrainConfig("fer-tiny", 2, 32, 1e-3, "adam", "cosine",
                1, 0, 0, 0, "none", "none", 0, 1, null, "", 0, 0, "a.fer", 0));
    }

    private static FaceSet randomFaces() {
        Random random = new Random(5);
        byte[] pixels = new byte[FACES * FaceSet.FACE_PIXELS];
        random.nextBytes(pixels);
        byte[] labels = new byte[FACES];
        for (int i = 0; i < FACES; i++) {
            labels[i] = (byte) (i % Emotion.COUNT);
        }
        return new FaceSet(pixels, labels);
    }
}
