package dev.fer.engine.kernel;

import dev.fer.engine.launch.VectorApiRelauncher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector depthwise forward (flat-row path for stride 1, per-pixel path for borders and other
 * strides) against the scalar twin, over channel counts below, at and between vector lengths
 * (BlazeFace's 8, 12, 24, 28, 42, 88 among them) and images narrower than the kernel.
 */
class DepthwiseKernelTest {
    private static Kernels vector;
    private static final Kernels SCALAR = Kernels.scalar();
    private final Random random = new Random(7);

    @BeforeAll
    static void vectorKernelsLoaded() {
        assertTrue(VectorApiRelauncher.vectorApiLoaded(), "tests run with --add-modules jdk.incubator.vector");
        vector = Kernels.best();
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    @Test
    void forwardMatchesScalarOnOddShapes() {
        int[] channels = {1, 3, 8, 12, 15, 16, 17, 24, 28, 31, 33, 42, 64, 88};
        int[][] images = {{1, 1}, {2, 3}, {5, 7}, {9, 4}, {13, 11}};
        int[][] windows = {{5, 1, 1}, {5, 2, 1}, {3, 1, 1}, {3, 2, 0}, {1, 1, 0}, {5, 1, 0}, {3, 3, 1}, {2, 2, 1}};
        int cases = 0;
        for (int c : channels) {
            for (int[] hw : images) {
                for (int[] win : windows) {
                    boolean same = win[2] == 1;
                    if (!same && (hw[0] < win[0] || hw[1] < win[0])) {
                        continue; // 'valid' needs the window to fit
                    }
                    WindowGeometry g = WindowGeometry.of(hw[0], hw[1], c, win[0], win[0], win[1], same);
                    check(g, true);
                    check(g, false);
                    cases++;
                }
            }
        }
        assertTrue(cases > 400, "ran " + cases + " geometries");
    }

    @Test
    void blazeFaceLayersMatchScalar() {
        // the shapes of the short- and full-range models: 5x5 'same', stride 1 and 2
        int[][] layers = {{64, 64, 24, 1}, {64, 64, 28, 2}, {32, 32, 42, 2}, {96, 96, 8, 1}, {48, 48, 12, 1},
                          {16, 16, 88, 2}, {8, 8, 96, 1}};
        for (int[] l : layers) {
            check(WindowGeometry.of(l[0], l[1], l[2], 5, 5, l[3], true), true);
        }
    }

    private void check(WindowGeometry g, boolean withBias) {
        int taps = g.kh() * g.kw() * g.channels();
        float[] w = random(taps);
        float[] bias = withBias ? random(g.channels()) : null;
        float[] x = random(g.inputSize() + 5);
        float[] ps = new float[SCALAR.depthwisePackedSize(g)];
        float[] pv = new float[vector.depthwisePackedSize(g)];
        SCALAR.depthwisePack(g, w, bias, ps);
        vector.depthwisePack(g, w, bias, pv);
        // outputs between sentinels, so a write outside the image's range shows
        float[] y0 = new float[g.outputSize() + 6];
        float[] y1 = new float[g.outputSize() + 6];
        Arrays.fill(y0, 1234f);
        Arrays.fill(y1, 1234f);
        SCALAR.depthwiseForward(g, x, 5, ps, y0, 3, 0, g.outHeight());
        // the vector kernel in two row ranges, as two threads would run it
        int split = g.outHeight() / 2;
        vector.depthwiseForward(g, x, 5, pv, y1, 3, split, g.outHeight());
        vector.depthwiseForward(g, x, 5, pv, y1, 3, 0, split);
        String what = g + (withBias ? " with bias" : " without bias");
        for (int i = 0; i < y0.length; i++) {
            float tol = 1e-5f * (1 + Math.abs(y0[i])) * 10;
            assertEquals(y0[i], y1[i], tol, what + " at " + i);
        }
        assertEquals(1234f, y1[2], what + ": wrote before its output");
        assertEquals(1234f, y1[3 + g.outputSize()], what + ": wrote past its output");
    }
}
