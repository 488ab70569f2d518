package dev.fer.detector.blazeface.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector API kernels against the scalar ones on random data, with channel counts that are and
 * are not multiples of the vector length, both strides and SAME offsets; and the scalar kernels
 * against small cases worked out by hand.
 */
class KernelsTest {
    private static final float TOLERANCE = 1e-4f;
    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();
    private final Random random = new Random(42);

    private float[] randoms(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"1, 3, 24", "5, 24, 24", "7, 28, 32", "64, 42, 48", "13, 96, 96", "9, 88, 2", "4, 17, 33"})
    void pointwiseMatchesScalar(int pixels, int cin, int cout) {
        float[] in = randoms(pixels * cin);
        float[] w = randoms(cin * cout);
        float[] b = randoms(cout);
        for (boolean relu : new boolean[] {false, true}) {
            float[] expect = new float[pixels * cout];
            float[] got = new float[pixels * cout];
            scalar.pointwise(in, pixels, cin, w, b, cout, expect, relu);
            vector.pointwise(in, pixels, cin, w, b, cout, got, relu);
            assertArrayEquals(expect, got, TOLERANCE);
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 16, 3, 24, 5, 2, 1", "12, 10, 3, 32, 3, 2, 0", "9, 7, 5, 17, 3, 1, 1", "8, 8, 24, 24, 1, 1, 0"})
    void convMatchesScalar(int inH, int inW, int cin, int cout, int k, int stride, int pad) {
        int outH = (inH + stride - 1) / stride;
        int outW = (inW + stride - 1) / stride;
        float[] in = randoms(inH * inW * cin);
        float[] w = randoms(k * k * cin * cout);
        float[] b = randoms(cout);
        float[] expect = new float[outH * outW * cout];
        float[] got = new float[outH * outW * cout];
        scalar.conv(in, inH, inW, cin, w, b, cout, k, k, stride, pad, pad, expect, outH, outW, true);
        vector.conv(in, inH, inW, cin, w, b, cout, k, k, stride, pad, pad, got, outH, outW, true);
        assertArrayEquals(expect, got, TOLERANCE);
    }

    @ParameterizedTest
    @CsvSource({"16, 16, 24, 1, 1", "16, 16, 28, 2, 0", "9, 11, 42, 2, 1", "8, 8, 96, 1, 1", "5, 5, 7, 1, 1"})
    void depthwiseMatchesScalar(int inH, int inW, int c, int stride, int pad) {
        int outH = (inH + stride - 1) / stride;
        int outW = (inW + stride - 1) / stride;
        float[] in = randoms(inH * inW * c);
        float[] w = randoms(9 * c);
        float[] b = randoms(c);
        for (boolean relu : new boolean[] {false, true}) {
            float[] expect = new float[outH * outW * c];
            float[] got = new float[outH * outW * c];
            scalar.depthwise(in, inH, inW, c, w, b, 3, 3, stride, pad, pad, expect, outH, outW, relu);
            vector.depthwise(in, inH, inW, c, w, b, 3, 3, stride, pad, pad, got, outH, outW, relu);
            assertArrayEquals(expect, got, TOLERANCE);
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 16, 28", "9, 7, 42", "4, 4, 96"})
    void maxPoolMatchesScalar(int inH, int inW, int c) {
        int outH = (inH + 1) / 2;
        int outW = (inW + 1) / 2;
        float[] in = randoms(inH * inW * c);
        float[] expect = new float[outH * outW * c];
        float[] got = new float[outH * outW * c];
        scalar.maxPool(in, inH, inW, c, 2, 2, 2, 0, 0, expect, outH, outW);
        vector.maxPool(in, inH, inW, c, 2, 2, 2, 0, 0, got, outH, outW);
        assertArrayEquals(expect, got, 0f);
    }

    @ParameterizedTest
    @CsvSource({"1", "15", "16", "17", "4096", "4099"})
    void elementwiseMatchScalar(int n) {
        float[] a = randoms(n);
        float[] b = randoms(n);
        for (boolean relu : new boolean[] {false, true}) {
            float[] expect = new float[n];
            float[] got = new float[n];
            scalar.add(a, b, expect, n, relu);
            vector.add(a, b, got, n, relu);
            assertArrayEquals(expect, got, 0f);
        }
        float[] expect = new float[n];
        float[] got = new float[n];
        scalar.relu(a, expect, n);
        vector.relu(a, got, n);
        assertArrayEquals(expect, got, 0f);
    }

    @ParameterizedTest
    @CsvSource({"10, 24, 0, 28", "7, 42, 0, 48", "3, 5, 2, 9", "64, 128, 0, 144"})
    void padChannelsMatchesScalar(int pixels, int cin, int before, int cout) {
        float[] in = randoms(pixels * cin);
        float[] expect = randoms(pixels * cout); // garbage the kernels must overwrite
        float[] got = expect.clone();
        scalar.padChannels(in, pixels, cin, before, cout, expect);
        vector.padChannels(in, pixels, cin, before, cout, got);
        assertArrayEquals(expect, got, 0f);
        for (int p = 0; p < pixels; p++) {
            for (int o = 0; o < cout; o++) {
                float want = o >= before && o < before + cin ? in[p * cin + o - before] : 0f;
                assertEquals(want, expect[p * cout + o], "pixel " + p + " channel " + o);
            }
        }
    }

    @Test
    void scalarConvolutionByHand() {
        // 3x3 image, one channel, values 1..9; 3x3 kernel of ones, SAME, stride 1: sums of neighbourhoods
        float[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] out = new float[9];
        scalar.conv(in, 3, 3, 1, ones, new float[] {0.5f}, 1, 3, 3, 1, 1, 1, out, 3, 3, false);
        assertArrayEquals(new float[] {12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f}, out);
        float[] dw = new float[9];
        scalar.depthwise(in, 3, 3, 1, ones, new float[] {0.5f}, 3, 3, 1, 1, 1, dw, 3, 3, false);
        assertArrayEquals(out, dw);
        // stride 2 with TFLite's SAME split for 3 -> 2 (total padding 1: none before, one after)
        float[] s2 = new float[4];
        scalar.conv(in, 3, 3, 1, ones, new float[] {0}, 1, 3, 3, 2, 0, 0, s2, 2, 2, false);
        assertArrayEquals(new float[] {45, 18, 24, 9}, s2);
    }

    @Test
    void scalarPointwiseIsAMatrixProduct() {
        // two pixels of (1, 2); weights [cin][cout] = [[1, 0, -1], [10, 1, 1]]; bias (0, 0, -20)
        float[] out = new float[6];
        scalar.pointwise(new float[] {1, 2, 3, 4}, 2, 2, new float[] {1, 0, -1, 10, 1, 1}, new float[] {0, 0, -20}, 3,
                out, true);
        assertArrayEquals(new float[] {21, 2, 0, 43, 4, 0}, out);
    }

    @Test
    void scalarMaxPoolIgnoresPadding() {
        float[] in = {-5, -1, -3, -2, -4, -6, -7, -8, -9};
        float[] out = new float[4];
        scalar.maxPool(in, 3, 3, 1, 2, 2, 2, 0, 0, out, 2, 2);
        assertArrayEquals(new float[] {-1, -3, -7, -9}, out);
    }
}
