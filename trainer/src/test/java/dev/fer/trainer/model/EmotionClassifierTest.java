package dev.fer.trainer.model;

import dev.fer.trainer.eval.Evaluator;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmotionClassifierTest {
    private static float[] facesOf(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] gray = new byte[48 * 48];
        float[] faces = new float[count * 48 * 48];
        for (int i = 0; i < count; i++) {
            random.nextBytes(gray);
            EmotionClassifier.toInput(gray, faces, i * 48 * 48);
        }
        return faces;
    }

    @Test
    void normalizationMapsTheGrayRangeAroundZero() {
        byte[] gray = new byte[48 * 48];
        gray[0] = 0;
        gray[1] = (byte) 128;
        gray[2] = (byte) 255;
        float[] in = new float[48 * 48 + 1];
        EmotionClassifier.toInput(gray, in, 1);
        assertEquals(-2f, in[1]);
        assertEquals(0f, in[2]);
        assertEquals(255 / 64f - 2, in[3], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> EmotionClassifier.toInput(new byte[10], in, 0));
    }

    @Test
    void theBundledModelGivesProbabilitiesWithoutAllocatingAfterWarmUp() {
        EmotionClassifier classifier = EmotionClassifier.loadDefault().threads(1);
        float[] faces = facesOf(3, 1);
        float[] probabilities = new float[3 * Emotion.COUNT];
        classifier.classify(faces, 3, probabilities);
        for (int i = 0; i < 3; i++) {
            float sum = 0;
            for (int c = 0; c < Emotion.COUNT; c++) {
                float p = probabilities[i * Emotion.COUNT + c];
                assertTrue(p >= 0 && p <= 1);
                sum += p;
            }
            assertEquals(1f, sum, 1e-4f);
        }
        // one face at a time, as the app does per frame
        float[] one = new float[Emotion.COUNT];
        for (int i = 0; i < 20; i++) {
            classifier.classify(faces, 1, one);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            classifier.classify(faces, 1, one);
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 100;
        assertTrue(perCall < 64, "classify allocates " + perCall + " bytes per call");
        assertEquals(Evaluator.argmax(probabilities, 0), Evaluator.argmax(one, 0), "batch and single agree");
    }

    @Test
    void wrongBufferSizesAreRefused() {
        EmotionClassifier classifier = EmotionClassifier.loadDefault();
        var e = assertThrows(IllegalArgumentException.class, () -> classifier.classify(new float[48 * 48], 2, new float[14]));
        assertTrue(e.getMessage().contains("2 faces"), e.getMessage());
    }
}
