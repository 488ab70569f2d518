package dev.fer.trainer.augment;

import dev.fer.trainer.model.EmotionClassifier;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmenterTest {
    private static final int N = 48 * 48;

    private static byte[] gradientFace() {
        byte[] face = new byte[N];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                face[y * 48 + x] = (byte) (x * 5);
            }
        }
        return face;
    }

    @Test
    void noneIsExactlyTheClassifierNormalization() {
        byte[] face = gradientFace();
        float[] expected = new float[N];
        EmotionClassifier.toInput(face, expected, 0);
        float[] got = new float[N + 3];
        new Augmenter(Augmentation.NONE).apply(face, 0, got, 3, new SplittableRandom(1));
        assertArrayEquals(expected, Arrays.copyOfRange(got, 3, N + 3));
    }

    @Test
    void aFlipOnlyAugmentationMirrorsOrKeepsTheFace() {
        byte[] face = gradientFace();
        var flipOnly = new Augmenter(new Augmentation(0, 0, 0, true, 1, 0));
        int mirrored = 0;
        for (int seed = 0; seed < 40; seed++) {
            float[] out = new float[N];
            flipOnly.apply(face, 0, out, 0, new SplittableRandom(seed));
            float left = out[10 * 48];
            float right = out[10 * 48 + 47];
            if (left > right) {
                mirrored++;
                assertEquals(EmotionClassifier.normalize(47 * 5), left, 1e-4f);
                assertEquals(EmotionClassifier.normalize(0), right, 1e-4f);
            } else {
                assertEquals(EmotionClassifier.normalize(0), left, 1e-4f);
            }
        }
        assertTrue(mirrored > 8 && mirrored < 32, "about half are mirrored: " + mirrored);
    }

    @Test
    void theSameSeedGivesTheSameFaceAndAnotherSeedAnother() {
        byte[] face = gradientFace();
        var augmenter = new Augmenter(Augmentation.STANDARD);
        float[] a = new float[N];
        float[] b = new float[N];
        float[] c = new float[N];
        augmenter.apply(face, 0, a, 0, new SplittableRandom(42));
        augmenter.apply(face, 0, b, 0, new SplittableRandom(42));
        augmenter.apply(face, 0, c, 0, new SplittableRandom(43));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        for (float v : a) {
            assertTrue(v >= EmotionClassifier.normalize(0) - 1e-4f && v <= EmotionClassifier.normalize(255) + 1e-4f);
        }
    }

    @Test
    void pureShiftMovesThePixels() {
        // a shift of up to 10%: a vertical stripe moves horizontally by at most 4.8 pixels
        byte[] face = new byte[N];
        for (int y = 0; y < 48; y++) {
            face[y * 48 + 24] = (byte) 255;
        }
        var shiftOnly = new Augmenter(new Augmentation(0, 0, 0.1f, false, 1, 0));
        boolean moved = false;
        for (int seed = 0; seed < 10; seed++) {
            float[] out = new float[N];
            shiftOnly.apply(face, 0, out, 0, new SplittableRandom(seed));
            int brightest = 0;
            for (int x = 1; x < 48; x++) {
                if (out[20 * 48 + x] > out[20 * 48 + brightest]) {
                    brightest = x;
                }
            }
            assertTrue(Math.abs(brightest - 24) <= 5, "moved " + (brightest - 24));
            moved |= brightest != 24;
        }
        assertTrue(moved);
    }
}
