package dev.fer.engine.kernel;

import dev.fer.engine.launch.VectorApiRelauncher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API kernels against their scalar twins, called directly on odd shapes. */
class KernelTwinTest {
    private static Kernels vector;
    private static final Kernels SCALAR = Kernels.scalar();
    private final Random random = new Random(42);

    @BeforeAll
    static void vectorKernelsLoaded() {
        assertTrue(VectorApiRelauncher.vectorApiLoaded(), "tests run with --add-modules jdk.incubator.vector");
        vector = Kernels.best();
        assertTrue(vector instanceof VectorKernels, "best kernels are the vector kernels, got " + vector.name());
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    static void assertClose(float[] expected, float[] actual, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            float tol = 1e-4f * (1 + Math.abs(expected[i])) * 10;
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    private void gemmCase(int m, int n, int k, boolean accumulate, boolean withBias, int ldcPad) {
        float[] a = random(m * k + 3);
        float[] bMat = random(k * n);
        float[] bias = withBias ? random(n) : null;
        int ldc = n + ldcPad;
        float[] c0 = random(m * ldc + 5);
        float[] c1 = c0.clone();
        RowLayout rows = new RowLayout().matrix(a, 3, k, k);
        float[] ps = new float[SCALAR.packedSize(k, n)];
        float[] pv = new float[vector.packedSize(k, n)];
        SCALAR.packB(bMat, 0, n, 1, k, n, ps);
        vector.packB(bMat, 0, n, 1, k, n, pv);
        // rows split in two uneven ranges, as threads would
        int split = Math.min(m, 13);
        SCALAR.gemm(rows, 0, split, ps, n, c0, 2, ldc, accumulate, bias);
        SCALAR.gemm(rows, split, m, ps, n, c0, 2, ldc, accumulate, bias);
        vector.gemm(rows, 0, split, pv, n, c1, 2, ldc, accumulate, bias);
        vector.gemm(rows, split, m, pv, n, c1, 2, ldc, accumulate, bias);
        assertClose(c0, c1, 0, c0.length, "gemm m" + m + " n" + n + " k" + k);
    }

    /** Column ranges packed apart, as threads do, land where one whole packing puts them. */
    @Test
    void packedColumnRangesMakeTheWholePacking() {
        for (Kernels kernels : new Kernels[] {SCALAR, vector}) {
            for (int n : new int[] {7, 64, 100, 250}) {
                int k = 37;
                float[] bMat = random(k * n);
                float[] whole = new float[kernels.packedSize(k, n)];
                kernels.packB(bMat, 0, n, 1, k, n, whole);
                for (int parts = 2; parts <= 3; parts++) {
                    float[] pieces = new float[whole.length];
                    java.util.Arrays.fill(pieces, Float.NaN);
                    for (int part = 0; part < parts; part++) {
                        int j0 = dev.fer.engine.parallel.Workers.splitStart(n, part, parts, kernels.columnAlign());
                        int j1 = dev.fer.engine.parallel.Workers.splitStart(n, part + 1, parts, kernels.columnAlign());
                        kernels.packB(bMat, 0, n, 1, k, n, j0, j1, pieces);
                    }
                    assertArrayEquals(whole, pieces, kernels.name() + " n " + n + " in " + parts + " parts");
                }
            }
        }
    }

    @Test
    void gemmMatchesScalarOnOddShapes() {
        gemmCase(1, 7, 9, false, true, 0);
        gemmCase(5, 33, 17, true, false, 3);
        gemmCase(29, 64, 1, false, false, 0);
        gemmCase(17, 31, 600, true, true, 1);   // K longer than one K block
        gemmCase(64, 250, 129, false, true, 0);
        gemmCase(9, 1, 40, false, true, 0);
        // wide panels only, wide + narrow, a partial wide panel, wide with a short row block
        gemmCase(50, 128, 200, false, true, 0);
        gemmCase(23, 96, 33, true, true, 2);
        gemmCase(31, 100, 70, false, false, 0);
        gemmCase(7, 288, 64, true, false, 5);
    }

    @Test
    void gemmByColumnRangesMatchesTheWholeProduct() {
        int m = 3;
        int k = 77;
        for (int n : new int[] {7, 150, 250}) {
            float[] a = random(m * k);
            float[] bMat = random(k * n);
            float[] bias = random(n);
            RowLayout rows = new RowLayout().matrix(a, 0, k, k);
            float[] pv = new float[vector.packedSize(k, n)];
            vector.packB(bMat, 0, n, 1, k, n, pv);
            float[] ps = new float[SCALAR.packedSize(k, n)];
            SCALAR.packB(bMat, 0, n, 1, k, n, ps);
            float[] whole = new float[m * n];
            vector.gemm(rows, 0, m, pv, n, whole, 0, n, false, bias);
            float[] pieces = new float[m * n];
            float[] scalarPieces = new float[m * n];
            int align = vector.columnAlign();
            for (int j0 = 0; j0 < n; j0 += align) {
                int j1 = Math.min(n, j0 + align);
                vector.gemm(rows, 0, m, pv, n, j0, j1, pieces, 0, n, false, bias);
                SCALAR.gemm(rows, 0, m, ps, n, j0, j1, scalarPieces, 0, n, false, bias);
            }
            assertArrayEquals(whole, pieces, "column ranges of n " + n + " must compute what the whole product does");
            assertClose(scalarPieces, pieces, 0, m * n, "column ranges, scalar, n " + n);
        }
    }

    @Test
    void gemmTransposedBMatchesScalar() {
        int k = 21;
        int n = 35;
        float[] bT = random(n * k);   // stored [n][k]
        float[] a = random(10 * k);
        RowLayout rows = new RowLayout().matrix(a, 0, k, k);
        float[] ps = new float[SCALAR.packedSize(k, n)];
        float[] pv = new float[vector.packedSize(k, n)];
        SCALAR.packB(bT, 0, 1, k, k, n, ps);
        vector.packB(bT, 0, 1, k, k, n, pv);
        float[] c0 = new float[10 * n];
        float[] c1 = new float[10 * n];
        SCALAR.gemm(rows, 0, 10, ps, n, c0, 0, n, false, null);
        vector.gemm(rows, 0, 10, pv, n, c1, 0, n, false, null);
        assertClose(c0, c1, 0, c0.length, "gemm with transposed B");
    }

    @Test
    void patchGemmAndPackRowsMatchScalar() {
        // 3 channels: K = 27 (one narrow panel); 11 channels: K = 99 (a wide and a narrow panel)
        patchCase(3);
        patchCase(11);
    }

    private void patchCase(int ch) {
        // conv patches: 2 images 7x9 padded to 9x11, 3x3 kernel stride 2
        int ph = 9;
        int pw = 11;
        float[] x = random(2 * ph * pw * ch);
        RowLayout rows = new RowLayout().patches(x, ph, pw, ch, 3, 3, 2, 4, 5);
        int m = 2 * 4 * 5;
        int k = rows.depth();
        int n = 19 + 6 * ch;   // 37: one partial wide panel; 85: a wide and a narrow one
        float[] w = random(k * n);
        float[] ps = new float[SCALAR.packedSize(k, n)];
        float[] pv = new float[vector.packedSize(k, n)];
        SCALAR.packB(w, 0, n, 1, k, n, ps);
        vector.packB(w, 0, n, 1, k, n, pv);
        float[] c0 = new float[m * n];
        float[] c1 = new float[m * n];
        SCALAR.gemm(rows, 0, m, ps, n, c0, 0, n, false, null);
        vector.gemm(rows, 0, m, pv, n, c1, 0, n, false, null);
        assertClose(c0, c1, 0, c0.length, "patch gemm");
    }

    @Test
    void transposeMatchesScalar() {
        // whole and partial vectors of rows, one column, an offset into the source
        int[][] shapes = {{256, 64}, {37, 5}, {16, 1}, {1, 19}, {33, 128}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] src = random(7 + rows * cols);
            float[] ds = new float[rows * cols];
            float[] dv = new float[rows * cols];
            SCALAR.transpose(src, 7, rows, cols, ds);
            vector.transpose(src, 7, rows, cols, dv);
            assertArrayEquals(ds, dv, "transpose " + rows + "x" + cols);
            assertEquals(src[7 + (rows - 1) * cols], ds[rows - 1], "the scalar twin itself: last row, first column");
        }
    }

    /** Channel 0 of pixel (y, x) of image n of an NHWC batch, zero outside the image (the padding). */
    private static float pixel(float[] x, int n, int y, int xx, int h, int w, int c) {
        return y < 0 || xx < 0 || y >= h || xx >= w ? 0f : x[((n * h + y) * w + xx) * c];
    }

    /** The vector transforms do the scalar twin's operations in the same order: equal bit for bit. */
    @Test
    void winogradTransformsMatchScalar() {
        // channels: a partial vector only, whole vectors, whole plus a tail; output sizes odd and even
        int[][] shapes = {{5, 7, 9}, {16, 6, 6}, {37, 5, 8}};
        for (int[] shape : shapes) {
            int c = shape[0];
            int outH = shape[1];
            int outW = shape[2];
            int tilesH = (outH + 1) / 2;
            int tilesW = (outW + 1) / 2;
            int batch = 2;
            int tiles = batch * tilesH * tilesW;
            int t0 = 3;
            int count = tiles - t0;
            // the input of a 'same' convolution (padding 1): border windows read zeros outside it
            float[] x = random(batch * outH * outW * c);
            float[] vs = new float[16 * Kernels.winogradPlane(count, c)];
            float[] vv = new float[16 * Kernels.winogradPlane(count, c)];
            SCALAR.winogradInput(x, outH, outW, c, 1, 1, tilesH, tilesW, t0, count, vs);
            vector.winogradInput(x, outH, outW, c, 1, 1, tilesH, tilesW, t0, count, vv);
            assertArrayEquals(vs, vv, 0f, "winogradInput, " + c + " channels");
            // the first point of the first tile by hand: (d00 - d20) - (d02 - d22)
            int n = 3 / (tilesH * tilesW);
            int y0 = 2 * (3 / tilesW % tilesH) - 1;
            int x0 = 2 * (3 % tilesW) - 1;
            float d00 = pixel(x, n, y0, x0, outH, outW, c);
            float d02 = pixel(x, n, y0, x0 + 2, outH, outW, c);
            float d20 = pixel(x, n, y0 + 2, x0, outH, outW, c);
            float d22 = pixel(x, n, y0 + 2, x0 + 2, outH, outW, c);
            assertEquals((d00 - d20) - (d02 - d22), vs[0], 0f, "point (0, 0) of tile 3");
            float[] bias = random(c);
            for (boolean relu : new boolean[] {false, true}) {
                float[] ys = random(batch * outH * outW * c);
                float[] yv = ys.clone();
                SCALAR.winogradOutput(vs, count, c, bias, relu, ys, outH, outW, tilesH, tilesW, t0);
                vector.winogradOutput(vs, count, c, bias, relu, yv, outH, outW, tilesH, tilesW, t0);
                assertArrayEquals(ys, yv, 0f, "winogradOutput, " + c + " channels, relu " + relu);
            }
        }
    }

    /** F(4x4, 3x3): the same, on 6x6 windows; output sizes that leave 1, 2 and 3 columns or rows in the last tile. */
    @Test
    void winograd4x4TransformsMatchScalar() {
        int[][] shapes = {{5, 7, 9}, {16, 8, 8}, {37, 6, 10}, {32, 12, 5}};
        for (int[] shape : shapes) {
            int c = shape[0];
            int outH = shape[1];
            int outW = shape[2];
            int tilesH = (outH + 3) / 4;
            int tilesW = (outW + 3) / 4;
            int batch = 2;
            int tiles = batch * tilesH * tilesW;
            int t0 = 1;
            int count = tiles - t0;
            float[] x = random(batch * outH * outW * c);
            float[] vs = new float[36 * Kernels.winogradPlane(count, c)];
            float[] vv = new float[36 * Kernels.winogradPlane(count, c)];
            SCALAR.winograd4x4Input(x, outH, outW, c, 1, 1, tilesH, tilesW, t0, count, vs);
            vector.winograd4x4Input(x, outH, outW, c, 1, 1, tilesH, tilesW, t0, count, vv);
            assertArrayEquals(vs, vv, 0f, "winograd4x4Input, " + c + " channels");
            // point (5, 5) of tile 1 by hand: B^T's last row (0, 4, 0, -5, 0, 1) both ways
            int n = 1 / (tilesH * tilesW);
            int y0 = 4 * (1 / tilesW % tilesH) - 1;
            int x0 = 4 * (1 % tilesW) - 1;
            double expected = 0;
            double[] last = {0, 4, 0, -5, 0, 1};
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    expected += last[i] * last[j] * pixel(x, n, y0 + i, x0 + j, outH, outW, c);
                }
            }
            assertEquals(expected, vs[35 * Kernels.winogradPlane(count, c)], 1e-4, "point (5, 5) of tile 1");
            float[] bias = random(c);
            for (boolean relu : new boolean[] {false, true}) {
                float[] ys = random(batch * outH * outW * c);
                float[] yv = ys.clone();
                SCALAR.winograd4x4Output(vs, count, c, bias, relu, ys, outH, outW, tilesH, tilesW, t0);
                vector.winograd4x4Output(vs, count, c, bias, relu, yv, outH, outW, tilesH, tilesW, t0);
                assertArrayEquals(ys, yv, 0f, "winograd4x4Output, " + c + " channels, relu " + relu);
                if (outH % 2 == 0 && outW % 2 == 0) {
                    checkPooled(vs, count, c, bias, relu, ys, outH, outW, tilesH, tilesW, t0, batch);
                }
            }
        }
    }

    /**
     * winograd4x4OutputPooled, both kernel sets, against a 2x2 / stride-2 max-pool of the full
     * output {@code y} that winograd4x4Output wrote: equal bit for bit; tiles before t0 untouched.
     */
    private void checkPooled(float[] m, int count, int c, float[] bias, boolean relu, float[] y, int outH, int outW,
                             int tilesH, int tilesW, int t0, int batch) {
        int poolH = outH / 2;
        int poolW = outW / 2;
        float[] ps = random(batch * poolH * poolW * c);
        float[] pv = ps.clone();
        float[] expected = ps.clone();
        SCALAR.winograd4x4OutputPooled(m, count, c, bias, relu, ps, outH, outW, tilesH, tilesW, t0);
        vector.winograd4x4OutputPooled(m, count, c, bias, relu, pv, outH, outW, tilesH, tilesW, t0);
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < poolH; i++) {
                for (int j = 0; j < poolW; j++) {
                    if ((n * tilesH + i / 2) * tilesW + j / 2 < t0) {
                        continue;
                    }
                    for (int ch = 0; ch < c; ch++) {
                        float v = Float.NEGATIVE_INFINITY;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                v = Math.max(v, y[((n * outH + 2 * i + dy) * outW + 2 * j + dx) * c + ch]);
                            }
                        }
                        expected[((n * poolH + i) * poolW + j) * c + ch] = v;
                    }
                }
            }
        }
        String what = "winograd4x4OutputPooled, " + c + " channels " + outH + "x" + outW + ", relu " + relu;
        assertArrayEquals(expected, ps, 0f, what + " (scalar against output + pool)");
        assertArrayEquals(expected, pv, 0f, what + " (vector against output + pool)");
    }

    @Test
    void patchWeightGradientMatchesScalar() {
        // 1 to 19 channels (patches of 9 to 171 elements: whole 6-row tiles and leftovers), 3x3
        // stride 1 and 2, filter counts around the vector length and the 4-vector tile
        for (int ch : new int[] {1, 3, 19}) {
            for (int stride : new int[] {1, 2}) {
                for (int n : new int[] {7, 16, 33, 64, 70}) {
                    int ph = 9;
                    int pw = 11;
                    int oh = (ph - 3) / stride + 1;
                    int ow = (pw - 3) / stride + 1;
                    float[] x = random(2 * ph * pw * ch);
                    RowLayout rows = new RowLayout().patches(x, ph, pw, ch, 3, 3, stride, oh, ow);
                    int m = 2 * oh * ow;
                    int k = rows.depth();
                    float[] dy = random(m * n);
                    float[] acc0 = random(k * n);
                    float[] acc1 = acc0.clone();
                    // two uneven pixel ranges and two row ranges, as callers split them
                    int kSplit = Math.min(k, 7);
                    for (int[] r : new int[][] {{0, 5, 0, kSplit}, {0, 5, kSplit, k}, {5, m, 0, kSplit}, {5, m, kSplit, k}}) {
                        SCALAR.patchWeightGradient(rows, r[0], r[1], r[2], r[3], dy, n, acc0, 0);
                        vector.patchWeightGradient(rows, r[0], r[1], r[2], r[3], dy, n, acc1, 0);
                    }
                    assertClose(acc0, acc1, 0, acc0.length, "patch weight gradient ch" + ch + " s" + stride + " n" + n);
                }
            }
        }
    }

    @Test
    void winogradKernelAndGradientTransformsMatchScalar() {
        for (int tile : new int[] {2, 4}) {
            // 7x9 outputs leave partial last tiles (rows and columns); 37 channels a vector tail
            int outH = 7;
            int outW = 9;
            int tilesH = (outH + tile - 1) / tile;
            int tilesW = (outW + tile - 1) / tile;
            int c = 37;
            int points = (tile + 2) * (tile + 2);
            float[] dy = random(2 * outH * outW * c);
            int tiles = 2 * tilesH * tilesW;
            for (int[] range : new int[][] {{0, tiles}, {3, tiles - 5}}) {
                int count = range[1] - range[0];
                float[] ws = new float[points * Kernels.winogradPlane(count, c)];
                float[] wv = new float[points * Kernels.winogradPlane(count, c)];
                SCALAR.winogradGradientTransform(tile, dy, outH, outW, c, tilesH, tilesW, range[0], count, ws);
                vector.winogradGradientTransform(tile, dy, outH, outW, c, tilesH, tilesW, range[0], count, wv);
                assertArrayEquals(ws, wv, 0f, "gradient transform F(" + tile + "x" + tile + ") tiles " + range[0]);
            }
            float[] hwio = random(9 * 4 * c);
            float[] us = new float[points * 4 * c];
            float[] uv = new float[points * 4 * c];
            SCALAR.winogradWeightTransform(tile, hwio, 4, c, 1, 4, us);
            vector.winogradWeightTransform(tile, hwio, 4, c, 1, 4, uv);
            assertArrayEquals(us, uv, 0f, "weight transform F(" + tile + "x" + tile + ")");
            int cin = 3;
            int parts = 2;
            int partStride = points * cin * c + 5;
            float[] u = random(parts * partStride);
            float[] gs = random(9 * cin * c);
            float[] gv = gs.clone();
            SCALAR.winogradKernelGradient(tile, u, parts, partStride, cin, c, 1, 3, gs);
            vector.winogradKernelGradient(tile, u, parts, partStride, cin, c, 1, 3, gv);
            assertArrayEquals(gs, gv, 0f, "kernel gradient F(" + tile + "x" + tile + ")");
        }
    }

    @Test
    void depthwiseAndPoolingMatchScalar() {
        int[][] cases = {{7, 9, 19, 5, 2, 1}, {6, 6, 16, 3, 1, 1}, {5, 8, 33, 3, 2, 0}, {4, 4, 3, 1, 1, 0}};
        for (int[] cs : cases) {
            WindowGeometry g = WindowGeometry.of(cs[0], cs[1], cs[2], cs[3], cs[3], cs[4], cs[5] == 1);
            String what = java.util.Arrays.toString(cs);
            float[] x = random(g.inputSize() + 4);
            float[] w = random(cs[3] * cs[3] * cs[2]);
            float[] bias = random(cs[2]);
            float[] y0 = new float[g.outputSize() + 2];
            float[] y1 = new float[g.outputSize() + 2];
            float[] ps = new float[SCALAR.depthwisePackedSize(g)];
            float[] pv = new float[vector.depthwisePackedSize(g)];
            SCALAR.depthwisePack(g, w, bias, ps);
            vector.depthwisePack(g, w, bias, pv);
            SCALAR.depthwiseForward(g, x, 4, ps, y0, 2, 0, g.outHeight());
            vector.depthwiseForward(g, x, 4, pv, y1, 2, 0, g.outHeight());
            assertClose(y0, y1, 0, y0.length, "depthwise forward " + what);

            float[] dy = random(g.outputSize());
            float[] dx0 = new float[g.inputSize()];
            float[] dx1 = new float[g.inputSize()];
            float[] dw0 = random(w.length);
            float[] dw1 = dw0.clone();
            SCALAR.depthwiseBackward(g, x, 4, w, dy, 0, dx0, 0, dw0);
            vector.depthwiseBackward(g, x, 4, w, dy, 0, dx1, 0, dw1);
            assertClose(dx0, dx1, 0, dx0.length, "depthwise dx " + what);
            assertClose(dw0, dw1, 0, dw0.length, "depthwise dw " + what);

            int[] a0 = new int[g.outputSize()];
            int[] a1 = new int[g.outputSize()];
            SCALAR.maxPoolForward(g, x, 4, y0, 0, a0, 0);
            vector.maxPoolForward(g, x, 4, y1, 0, a1, 0);
            assertClose(y0, y1, 0, g.outputSize(), "max pool " + what);
            assertEquals(java.util.Arrays.toString(a0), java.util.Arrays.toString(a1), "argmax " + what);
            SCALAR.maxPoolBackward(g, dy, 0, a0, 0, dx0, 0);
            vector.maxPoolBackward(g, dy, 0, a1, 0, dx1, 0);
            assertClose(dx0, dx1, 0, dx0.length, "max pool backward " + what);

            SCALAR.avgPoolForward(g, x, 4, y0, 0);
            vector.avgPoolForward(g, x, 4, y1, 0);
            assertClose(y0, y1, 0, g.outputSize(), "avg pool " + what);
            SCALAR.avgPoolBackward(g, dy, 0, dx0, 0);
            vector.avgPoolBackward(g, dy, 0, dx1, 0);
            assertClose(dx0, dx1, 0, dx0.length, "avg pool backward " + what);
        }
    }

    @Test
    void reluMatchesScalar() {
        for (int n : new int[] {1, 15, 16, 17, 100}) {
            float[] x = random(n + 5);
            float[] dy = random(n + 5);
            float[] y0 = new float[n + 5];
            float[] y1 = new float[n + 5];
            SCALAR.reluForward(x, y0, 2, n + 2);
            vector.reluForward(x, y1, 2, n + 2);
            assertClose(y0, y1, 0, y0.length, "relu forward n" + n);
            SCALAR.reluBackward(x, dy, y0, 3, n + 3);
            vector.reluBackward(x, dy, y1, 3, n + 3);
            assertClose(y0, y1, 0, y0.length, "relu backward n" + n);
        }
    }

    @Test
    void dropoutMatchesScalarBitForBit() {
        // the masks must be identical, not just close: the vector kernel evaluates the same hash
        for (int n : new int[] {1, 15, 16, 17, 100, 1000}) {
            for (float rate : new float[] {0.1f, 0.5f}) {
                float[] x = random(n + 7);
                float[] m0 = new float[n + 7];
                float[] m1 = new float[n + 7];
                float[] y0 = new float[n + 7];
                float[] y1 = new float[n + 7];
                int threshold = (int) Math.ceil(rate * (1 << 24));
                float keep = 1f / (1f - rate);
                SCALAR.dropout(0x1234_5678_9ABCL * n, threshold, keep, x, m0, y0, 3, n + 3);
                vector.dropout(0x1234_5678_9ABCL * n, threshold, keep, x, m1, y1, 3, n + 3);
                assertArrayEquals(m0, m1, "dropout mask n" + n);
                assertArrayEquals(y0, y1, "dropout output n" + n);
                float[] dy = random(n + 7);
                SCALAR.multiply(dy, m0, y0, 2, n + 5);
                vector.multiply(dy, m0, y1, 2, n + 5);
                assertArrayEquals(y0, y1, "dropout backward n" + n);
            }
        }
    }

    @Test
    void channelReductionsAndAffineMatchScalar() {
        for (int c : new int[] {1, 7, 16, 33, 250}) {
            int rows = 11 + 4096 / c; // more than one row block of the vector kernels
            float[] x = random(rows * c + 3);
            float[] dy = random(rows * c + 3);
            float[] mean = random(c);
            float[][] acc = {random(c), null};
            acc[1] = acc[0].clone();
            SCALAR.sumRows(x, 3, rows, c, acc[0]);
            vector.sumRows(x, 3, rows, c, acc[1]);
            assertClose(acc[0], acc[1], 0, c, "sumRows c" + c);
            float[][] second = {random(c), null};
            second[1] = second[0].clone();
            SCALAR.sumDeviationAndSquare(x, 3, rows, c, mean, acc[0], second[0]);
            vector.sumDeviationAndSquare(x, 3, rows, c, mean, acc[1], second[1]);
            assertClose(acc[0], acc[1], 0, c, "sumDeviationAndSquare sum c" + c);
            assertClose(second[0], second[1], 0, c, "sumDeviationAndSquare squares c" + c);
            float[] reluScale = random(c);
            float[] reluShift = random(c);
            for (boolean gated : new boolean[] {false, true}) {
                float[] rs = gated ? reluScale : null;
                float[] rh = gated ? reluShift : null;
                String what = (gated ? " gated" : "") + " c" + c;
                SCALAR.sumAndProductDeviation(dy, x, 3, rows, c, mean, rs, rh, acc[0], second[0]);
                vector.sumAndProductDeviation(dy, x, 3, rows, c, mean, rs, rh, acc[1], second[1]);
                assertClose(acc[0], acc[1], 0, c, "sumAndProductDeviation sumDy" + what);
                assertClose(second[0], second[1], 0, c, "sumAndProductDeviation sumDyX" + what);
                float[] k1 = random(c);
                float[] k2 = random(c);
                float[] k3 = random(c);
                float[] o0 = new float[x.length];
                float[] o1 = new float[x.length];
                SCALAR.scaleShift(x, 3, rows, c, k1, k2, gated, o0);
                vector.scaleShift(x, 3, rows, c, k1, k2, gated, o1);
                assertClose(o0, o1, 0, o0.length, "scaleShift" + what);
                SCALAR.affine2(dy, x, 3, rows, c, k1, k2, k3, rs, rh, o0);
                vector.affine2(dy, x, 3, rows, c, k1, k2, k3, rs, rh, o1);
                assertClose(o0, o1, 0, o0.length, "affine2" + what);
            }
            // the gate is the ReLU of scaleShift's own output: dy passes exactly where that is > 0
            float[] z = new float[x.length];
            float[] gatedDy = new float[x.length];
            vector.scaleShift(x, 3, rows, c, reluScale, reluShift, false, z);
            float[] ones = new float[c];
            java.util.Arrays.fill(ones, 1f);
            vector.affine2(dy, x, 3, rows, c, ones, new float[c], new float[c], reluScale, reluShift, gatedDy);
            for (int i = 3; i < 3 + rows * c; i++) {
                assertEquals(z[i] > 0f ? dy[i] : 0f, gatedDy[i], "gate at " + i + " c" + c);
            }
        }
    }
}
