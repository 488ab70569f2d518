package dev.fer.engine.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LayoutsTest {

    /**
     * Padding writes every element of its images, zeros included, so a reused buffer's old
     * contents (here NaN) never leak into a convolution; images outside [n0, n1) stay untouched.
     */
    @ParameterizedTest
    @CsvSource({"5, 7, 3, 1, 1, 1, 7, 9", "4, 4, 2, 0, 0, 1, 6, 10", "3, 4, 5, 2, 1, 2, 9, 11", "2, 3, 1, 1, 2, 3, 6, 9"})
    void padWritesTheWholeImageOverOldContents(int h, int w, int c, int top, int left, int dilation, int ph, int pw) {
        int batch = 3;
        float[] x = new float[batch * h * w * c];
        Random random = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + random.nextFloat();
        }
        float[] dst = new float[batch * ph * pw * c];
        Arrays.fill(dst, Float.NaN);
        Layouts.pad(x, 1, 3, h, w, c, top, left, dilation, ph, pw, dst);
        for (int n = 0; n < batch; n++) {
            for (int y = 0; y < ph; y++) {
                for (int xx = 0; xx < pw; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        int sy = y - top;
                        int sx = xx - left;
                        boolean lands = sy >= 0 && sx >= 0 && sy % dilation == 0 && sx % dilation == 0
                                && sy / dilation < h && sx / dilation < w;
                        float expected = n == 0 ? Float.NaN
                                : lands ? x[((n * h + sy / dilation) * w + sx / dilation) * c + ch] : 0f;
                        assertEquals(expected, dst[((n * ph + y) * pw + xx) * c + ch],
                                "image " + n + " at (" + y + ", " + xx + ", " + ch + ")");
                    }
                }
            }
        }
    }
}
