package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BilinearResizerTest {
    /**
     * A plain twin of OpenCV's bit-exact bilinear resize, written from its definition one output
     * pixel at a time (no row cache, no tables), to check the streaming resizer against.
     */
    static byte[] reference(byte[] src, int w, int h, int dw, int dh) {
        byte[] out = new byte[dw * dh];
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int[] ry = tap(h, dh, dy);
                int[] rx = tap(w, dw, dx);
                long v = 0;
                for (int j = 0; j < 2; j++) {
                    long hsum = 0;
                    for (int i = 0; i < 2; i++) {
                        hsum += (long) (src[ry[j] * w + rx[i]] & 0xFF) * rx[2 + i];
                    }
                    v += hsum * ry[2 + j];
                }
                out[dy * dw + dx] = (byte) Math.min(255, (v + (1 << 15)) >> 16);
            }
        }
        return out;
    }

    /** Source indices and 8-bit weights of one output coordinate; edges copy the edge pixel. */
    private static int[] tap(int size, int dsize, int d) {
        double scale = 1.0 / ((double) dsize / size);
        double f = scale * (d + 0.5) - 0.5;
        int i = (int) Math.floor(f);
        if (i < 0) {
            return new int[] {0, 0, 256, 0};
        }
        if (i >= size - 1) {
            return new int[] {size - 1, size - 1, 256, 0};
        }
        int w1 = (int) Math.rint((f - i) * 256);
        return new int[] {i, i + 1, 256 - w1, w1};
    }

    private static byte[] resize(byte[] src, int w, int h, int dw, int dh, boolean bottomUp) {
        BilinearResizer r = new BilinearResizer();
        r.configure(src, w, h, dw, dh);
        byte[] out = new byte[dw * dh];
        byte[] row = new byte[dw];
        for (int k = 0; k < dh; k++) {
            int dy = bottomUp ? dh - 1 - k : k;
            r.row(dy, row);
            System.arraycopy(row, 0, out, dy * dw, dw);
        }
        return out;
    }

    @Test
    void matchesItsPlainTwinOnRandomImagesAndSizes() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 60; trial++) {
            int w = 2 + rnd.nextInt(120);
            int h = 2 + rnd.nextInt(120);
            int dw = 1 + rnd.nextInt(w + 20);
            int dh = 1 + rnd.nextInt(h + 20);
            byte[] src = new byte[w * h];
            rnd.nextBytes(src);
            byte[] expected = reference(src, w, h, dw, dh);
            assertArrayEquals(expected, resize(src, w, h, dw, dh, false), w + "x" + h + " -> " + dw + "x" + dh);
            assertArrayEquals(expected, resize(src, w, h, dw, dh, true), "rows in any order");
        }
    }

    @Test
    void sameSizeIsACopyAndAnExactHalfAveragesTwoByTwoRoundingUp() {
        byte[] src = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 121, (byte) 255, (byte) 255, (byte) 255, (byte) 254};
        assertArrayEquals(src, resize(src, 4, 4, 4, 4, false));
        byte[] half = resize(src, 4, 4, 2, 2, false);
        assertEquals((10 + 20 + 50 + 60 + 2) >> 2, half[0] & 0xFF);
        assertEquals((30 + 40 + 70 + 80 + 2) >> 2, half[1] & 0xFF);
        assertEquals((110 + 121 + 255 + 254 + 2) >> 2, half[3] & 0xFF);
    }
}
