package dev.fer.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Vector API graph kernels against the scalar ones, on lengths around the vector width. */
class GraphKernelsTest {
    private final GraphKernels scalar = new ScalarGraphKernels();
    private final GraphKernels vector = new VectorGraphKernels();
    private final Random random = new Random(3);

    private float[] randoms(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "0, 15", "0, 16", "0, 17", "3, 4099", "64, 114688"})
    void addMatchesScalar(int from, int to) {
        float[] a = randoms(to);
        float[] b = randoms(to);
        for (boolean relu : new boolean[] {false, true}) {
            float[] expect = randoms(to);
            float[] got = expect.clone();
            scalar.add(a, b, expect, from, to, relu);
            vector.add(a, b, got, from, to, relu);
            assertArrayEquals(expect, got, 0f);
            if (from > 0) {
                assertEquals(expect[from - 1], got[from - 1], "untouched before the range");
            }
            assertEquals(relu ? Math.max(0, a[to - 1] + b[to - 1]) : a[to - 1] + b[to - 1], got[to - 1]);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 10, 24, 0, 28", "2, 7, 42, 0, 48", "0, 3, 5, 2, 9", "0, 64, 128, 0, 144", "1, 2, 3, 16, 40"})
    void padChannelsMatchesScalar(int from, int to, int cin, int before, int cout) {
        float[] in = randoms(to * cin);
        float[] expect = randoms(to * cout); // garbage the kernels must overwrite in their rows
        float[] got = expect.clone();
        scalar.padChannels(in, from, to, cin, before, cout, expect);
        vector.padChannels(in, from, to, cin, before, cout, got);
        assertArrayEquals(expect, got, 0f);
        for (int r = from; r < to; r++) {
            for (int c = 0; c < cout; c++) {
                float want = c >= before && c < before + cin ? in[r * cin + c - before] : 0f;
                assertEquals(want, expect[r * cout + c], "row " + r + " channel " + c);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 10, 28, 24, 0", "2, 7, 48, 42, 0", "0, 3, 9, 5, 2", "0, 64, 144, 128, 0", "1, 2, 40, 3, 16",
                "0, 5, 16, 16, 0", "0, 4, 33, 1, 32"})
    void addPaddedMatchesScalarAndPadThenAdd(int from, int to, int channels, int bChannels, int before) {
        float[] a = randoms(to * channels);
        float[] b = randoms(to * bChannels);
        float[] padded = new float[to * channels];
        scalar.padChannels(b, 0, to, bChannels, before, channels, padded);
        for (boolean relu : new boolean[] {false, true}) {
            float[] expect = randoms(to * channels);
            float[] got = expect.clone();
            float[] twoSteps = expect.clone();
            scalar.addPadded(a, b, expect, from, to, channels, bChannels, before, relu);
            vector.addPadded(a, b, got, from, to, channels, bChannels, before, relu);
            scalar.add(a, padded, twoSteps, from * channels, to * channels, relu);
            assertArrayEquals(expect, got, 0f);
            assertArrayEquals(twoSteps, expect, 0f);
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "8", "15", "16", "17", "48", "88"})
    void bilinearPixelMatchesScalarExactly(int channels) {
        float[] x = randoms(4 * channels + 9);
        float[] w = randoms(4);
        float[] expect = randoms(channels + 6);
        float[] got = expect.clone();
        int[] at = {9, 9 + channels, 9 + 3 * channels, 9 + 2 * channels};
        scalar.bilinearPixel(x, at[0], at[1], at[2], at[3], w[0], w[1], w[2], w[3], expect, 3, channels);
        vector.bilinearPixel(x, at[0], at[1], at[2], at[3], w[0], w[1], w[2], w[3], got, 3, channels);
        assertArrayEquals(expect, got, 0f);
        float first = x[at[0]] * w[0] + x[at[1]] * w[1] + x[at[2]] * w[2] + x[at[3]] * w[3];
        assertEquals(first, expect[3]);
    }
}
