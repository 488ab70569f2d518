package dev.fer.detector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayImageTest {
    private static BufferedImage randomImage(int type, int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, type);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    @Test
    void bgrFastPathEqualsTheGeneralPath() {
        BufferedImage bgr = randomImage(BufferedImage.TYPE_3BYTE_BGR, 37, 23, 1);
        BufferedImage rgb = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                rgb.setRGB(x, y, bgr.getRGB(x, y));
            }
        }
        assertArrayEquals(GrayImage.of(rgb).pixels(), GrayImage.of(bgr).pixels());
    }

    @Test
    void usesOpenCvsFixedPointFormula() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(0, 0, (200 << 16) | (100 << 8) | 50);
        assertEquals((9798 * 200 + 19235 * 100 + 3735 * 50 + 16384) >> 15, GrayImage.of(image).get(0, 0));
    }

    @Test
    void reusesABufferOfTheRightSizeOnly() {
        BufferedImage image = randomImage(BufferedImage.TYPE_3BYTE_BGR, 8, 4, 2);
        byte[] buffer = new byte[32];
        assertSame(buffer, GrayImage.of(image, buffer).pixels());
        byte[] wrong = new byte[31];
        GrayImage converted = GrayImage.of(image, wrong);
        assertEquals(32, converted.pixels().length);
    }

    @Test
    void rejectsAPlaneOfTheWrongSize() {
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(4, 4, new byte[15]));
    }
}
