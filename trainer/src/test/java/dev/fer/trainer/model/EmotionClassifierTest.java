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
    void theBundledModelGivesProbabilitiesAndTheWrapperAllocatesNothing() throws java.io.IOException {
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
        // the wrapper adds nothing to what the engine's predict allocates (the engine's own tests
        // hold predict to zero; the bundled model is measured against the same model in the engine)
        var engineModel = dev.fer.engine.model.Sequential.load(bundledModelCopy()).threads(1);
        for (int i = 0; i < 20; i++) {
            engineModel.predict(faces, 1, one);
        }
        long engine = allocatedPerCall(() -> engineModel.predict(faces, 1, one));
        long wrapped = allocatedPerCall(() -> classifier.classify(faces, 1, one));
        assertTrue(wrapped <= engine + 64, "classify allocates " + wrapped + " bytes per call, the engine " + engine);
        assertEquals(Evaluator.argmax(probabilities, 0), Evaluator.argmax(one, 0), "batch and single agree");
    }

    @Test
    void mirrorAveragingIsTheMeanOfTheFaceAndItsMirrorImage() {
        EmotionClassifier plain = EmotionClassifier.loadDefault().threads(2);
        EmotionClassifier tta = EmotionClassifier.loadDefault().threads(2).mirrorAveraging(true);
        int n = 3;
        int pixels = 48 * 48;
        float[] faces = facesOf(n, 7);
        float[] mirrored = new float[n * pixels];
        for (int i = 0; i < n; i++) {
            EmotionClassifier.mirror(faces, i * pixels, mirrored, i * pixels);
        }
        // the mirror image of a face: column x comes from column 47 - x
        assertEquals(faces[5 * 48 + 47], mirrored[5 * 48]);
        assertEquals(faces[pixels + 47 * 48 + 3], mirrored[pixels + 47 * 48 + 44]);
        float[] p = new float[n * Emotion.COUNT];
        float[] q = new float[n * Emotion.COUNT];
        plain.classify(faces, n, p);
        plain.classify(mirrored, n, q);
        float[] averaged = new float[n * Emotion.COUNT];
        tta.classify(faces, n, averaged);
        boolean mirrorDiffers = false;
        for (int i = 0; i < averaged.length; i++) {
            // per image the engine's result does not depend on the batch around it
            assertEquals(0.5f * (p[i] + q[i]), averaged[i], 1e-6f, "probability " + i);
            mirrorDiffers |= Math.abs(p[i] - q[i]) > 1e-4f;
        }
        assertTrue(mirrorDiffers, "random faces and their mirrors should not be classified identically");
        // one face per call as the app does: nothing allocated once the paired buffers exist and the
        // JIT has compiled the vector kernels (interpreted Vector API code allocates its vectors),
        // bounded so that an allocating path still fails
        float[] one = new float[Emotion.COUNT];
        long perCall = Long.MAX_VALUE;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (perCall >= 64 && System.nanoTime() < deadline) {
            perCall = allocatedPerCall(() -> tta.classify(faces, 1, one));
        }
        assertTrue(perCall < 64, "classify with mirror averaging allocates " + perCall + " bytes per call");
    }

    private static long allocatedPerCall(Runnable call) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            call.run();
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 50;
    }

    private static java.nio.file.Path bundledModelCopy() {
        try (var in = EmotionClassifier.class.getResourceAsStream(EmotionClassifier.DEFAULT_MODEL_RESOURCE)) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("bundled", ".fer");
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wrongBufferSizesAreRefused() {
        EmotionClassifier classifier = EmotionClassifier.loadDefault();
        var e = assertThrows(IllegalArgumentException.class, () -> classifier.classify(new float[48 * 48], 2, new float[14]));
        assertTrue(e.getMessage().contains("2 faces"), e.getMessage());
    }
}
