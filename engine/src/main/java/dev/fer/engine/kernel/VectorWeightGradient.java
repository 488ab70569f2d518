package dev.fer.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a convolution on the Vector API, straight from the padded NHWC input
 * and the NHWC output gradient: {@code dW[k][j] += sum over pixels m of patch(m, k) * dy[m][j]},
 * in HWIO order (k = (ky, kx, ci), j = output channel), which is the order weights are stored in.
 *
 * <p>Why not the GEMM: as {@code dW^T = dY^T x patches} it needs dY transposed and every
 * patch row copied into a packed panel (an im2col of K floats per pixel) before any arithmetic,
 * and threads split the pixels, so each one fills a private gradient that is summed afterwards.
 * Here the output channels are the vector direction, so a pixel's dy row is read as it lies, and
 * the patch elements are broadcasts from the input as it lies: no copy at all. A tile of
 * {@value #ROWS} patch elements x {@value #WIDE} vectors of channels (24 accumulators) sums a
 * block of {@value #PIXEL_BLOCK} pixels in registers, with 10 loads for 24 FMAs per pixel, and
 * the block's dy rows stay in L1 while every tile passes over them. Threads split the patch
 * elements k, so each writes its own rows of dW: no private copies, no reduction, and every
 * element sums its pixels in the same order whatever the thread count.
 *
 * <p>No masks: masked loads and stores with an {@code indexInRange} mask ran at 1-2 GFLOP/s here,
 * 100x slower than plain ones. The last {@code n mod L} channels go through a zero-padded copy
 * of their dy columns and acc rows instead, as whole vectors.
 */
final class VectorWeightGradient {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Patch elements per register tile. */
    static final int ROWS = 6;
    /** Vectors of output channels per wide tile. */
    private static final int WIDE = 4;
    /** Pixels per block: their dy rows (at most 4 vectors each per tile) stay in L1. */
    private static final int PIXEL_BLOCK = 64;
    private static final ThreadLocal<int[]> PIXEL_OFFSETS = ThreadLocal.withInitial(() -> new int[PIXEL_BLOCK]);
    /** The last n mod L columns of a block's dy rows, zero-padded to one vector per pixel; then ROWS such rows of acc. */
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[(PIXEL_BLOCK + ROWS) * L]);

    private VectorWeightGradient() {}

    /** Rows k in [k0, k1) of acc (accOff + k * n + j), summed over pixels [m0, m1). */
    static void accumulate(RowLayout a, int m0, int m1, int k0, int k1, float[] dy, int n, float[] acc, int accOff) {
        float[] x = a.a;
        int[] offsets = PIXEL_OFFSETS.get();
        float[] tail = TAIL.get();
        int whole = S.loopBound(n);
        int tailWidth = n - whole;
        // 6-row tiles, then 4-row ones for a remainder that 6 leaves (K = 32: 4 x 6 + 2 x 4), so
        // that the channel counts of Winograd's point GEMMs (multiples of 4, rarely of 6) never
        // fall to single rows, whose lone FMA chains run at an eighth of the speed
        int rem = (k1 - k0) % ROWS;
        int rows4 = rem >= 4 ? 1 : (rem == 2 || rem == 3) && k1 - k0 >= 8 ? 2 : 0;
        int end6 = k1 - rem - (rows4 == 2 ? ROWS : 0);
        for (int mb = m0; mb < m1; mb += PIXEL_BLOCK) {
            int count = Math.min(PIXEL_BLOCK, m1 - mb);
            a.offsets(mb, count, offsets);
            int dy0 = mb * n;
            if (tailWidth > 0) {
                java.util.Arrays.fill(tail, 0, count * L, 0f);
                for (int p = 0; p < count; p++) {
                    System.arraycopy(dy, dy0 + p * n + whole, tail, p * L, tailWidth);
                }
            }
            int k = k0;
            for (; k + ROWS <= end6; k += ROWS) {
                int r0 = at(a, k);
                int r1 = at(a, k + 1);
                int r2 = at(a, k + 2);
                int r3 = at(a, k + 3);
                int r4 = at(a, k + 4);
                int r5 = at(a, k + 5);
                int c = accOff + k * n;
                int j = 0;
                if (r5 - r0 == ROWS - 1) { // the usual case: six neighbours in one run of the patch row
                    for (; j + WIDE * L <= n; j += WIDE * L) {
                        tile6x4(x, offsets, count, r0, dy, dy0 + j, n, acc, c + j);
                    }
                    for (; j + 2 * L <= n; j += 2 * L) { // e.g. 32 output channels (fer-net's first block)
                        tile6x2(x, offsets, count, r0, dy, dy0 + j, n, acc, c + j);
                    }
                }
                for (; j < whole; j += L) {
                    tile6x1(x, offsets, count, r0, r1, r2, r3, r4, r5, dy, dy0 + j, n, acc, c + j);
                }
                if (tailWidth > 0) {
                    // the tail columns as whole vectors: dy's from the padded copy, acc's through one
                    int t = PIXEL_BLOCK * L;
                    java.util.Arrays.fill(tail, t, t + ROWS * L, 0f);
                    for (int i = 0; i < ROWS; i++) {
                        System.arraycopy(acc, c + i * n + whole, tail, t + i * L, tailWidth);
                    }
                    tile6x1(x, offsets, count, r0, r1, r2, r3, r4, r5, tail, 0, L, tail, t);
                    for (int i = 0; i < ROWS; i++) {
                        System.arraycopy(tail, t + i * L, acc, c + i * n + whole, tailWidth);
                    }
                }
            }
            for (int r = 0; r < rows4 && at(a, k + 3) - at(a, k) == 3; r++, k += 4) {
                int r0 = at(a, k);
                int c = accOff + k * n;
                int j = 0;
                for (; j + WIDE * L <= n; j += WIDE * L) {
                    tile4x4(x, offsets, count, r0, dy, dy0 + j, n, acc, c + j);
                }
                for (; j + 2 * L <= n; j += 2 * L) {
                    tile4x2(x, offsets, count, r0, dy, dy0 + j, n, acc, c + j);
                }
                for (; j < whole; j += L) { // one vector left: a chain per row
                    for (int i = 0; i < 4; i++) {
                        FloatVector s = FloatVector.fromArray(S, acc, c + i * n + j);
                        for (int p = 0, g = dy0 + j; p < count; p++, g += n) {
                            s = FloatVector.broadcast(S, x[offsets[p] + r0 + i]).fma(FloatVector.fromArray(S, dy, g), s);
                        }
                        s.intoArray(acc, c + i * n + j);
                    }
                }
                for (; j < n; j++) { // the last n mod L channels: scalar
                    for (int i = 0; i < 4; i++) {
                        float s = acc[c + i * n + j];
                        for (int p = 0, g = dy0 + j; p < count; p++, g += n) {
                            s += x[offsets[p] + r0 + i] * dy[g];
                        }
                        acc[c + i * n + j] = s;
                    }
                }
            }
            for (; k < k1; k++) {
                int r = at(a, k);
                int c = accOff + k * n;
                for (int j = 0; j < whole; j += L) {
                    FloatVector s = FloatVector.fromArray(S, acc, c + j);
                    for (int p = 0, g = dy0 + j; p < count; p++, g += n) {
                        s = FloatVector.broadcast(S, x[offsets[p] + r]).fma(FloatVector.fromArray(S, dy, g), s);
                    }
                    s.intoArray(acc, c + j);
                }
                if (tailWidth > 0) {
                    for (int j = whole; j < n; j++) { // few rows (k mod 6) and columns: scalar
                        float s = acc[c + j];
                        for (int p = 0, g = dy0 + j; p < count; p++, g += n) {
                            s += x[offsets[p] + r] * dy[g];
                        }
                        acc[c + j] = s;
                    }
                }
            }
        }
    }

    /** Offset of patch element k from the start of a patch row. */
    private static int at(RowLayout a, int k) {
        int s = k / a.segLen;
        return s * a.segStride + (k - s * a.segLen);
    }

    /**
     * Six consecutive patch elements from r0 on x four vectors of channels. The six broadcasts
     * are fixed displacements from one pointer: six separate offsets would not fit in the
     * general registers beside the loop's other values, and the spills cost a third.
     */
    private static void tile6x4(float[] x, int[] offsets, int count, int r0, float[] dy, int g0, int n,
                                float[] acc, int c) {
        FloatVector a00 = FloatVector.fromArray(S, acc, c);
        FloatVector a01 = FloatVector.fromArray(S, acc, c + L);
        FloatVector a02 = FloatVector.fromArray(S, acc, c + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, acc, c + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c + n);
        FloatVector a11 = FloatVector.fromArray(S, acc, c + n + L);
        FloatVector a12 = FloatVector.fromArray(S, acc, c + n + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, acc, c + n + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c + 2 * n);
        FloatVector a21 = FloatVector.fromArray(S, acc, c + 2 * n + L);
        FloatVector a22 = FloatVector.fromArray(S, acc, c + 2 * n + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, acc, c + 2 * n + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c + 3 * n);
        FloatVector a31 = FloatVector.fromArray(S, acc, c + 3 * n + L);
        FloatVector a32 = FloatVector.fromArray(S, acc, c + 3 * n + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, acc, c + 3 * n + 3 * L);
        FloatVector a40 = FloatVector.fromArray(S, acc, c + 4 * n);
        FloatVector a41 = FloatVector.fromArray(S, acc, c + 4 * n + L);
        FloatVector a42 = FloatVector.fromArray(S, acc, c + 4 * n + 2 * L);
        FloatVector a43 = FloatVector.fromArray(S, acc, c + 4 * n + 3 * L);
        FloatVector a50 = FloatVector.fromArray(S, acc, c + 5 * n);
        FloatVector a51 = FloatVector.fromArray(S, acc, c + 5 * n + L);
        FloatVector a52 = FloatVector.fromArray(S, acc, c + 5 * n + 2 * L);
        FloatVector a53 = FloatVector.fromArray(S, acc, c + 5 * n + 3 * L);
        for (int p = 0, g = g0; p < count; p++, g += n) {
            FloatVector d0 = FloatVector.fromArray(S, dy, g);
            FloatVector d1 = FloatVector.fromArray(S, dy, g + L);
            FloatVector d2 = FloatVector.fromArray(S, dy, g + 2 * L);
            FloatVector d3 = FloatVector.fromArray(S, dy, g + 3 * L);
            int o = offsets[p] + r0;
            FloatVector v = FloatVector.broadcast(S, x[o]);
            a00 = v.fma(d0, a00);
            a01 = v.fma(d1, a01);
            a02 = v.fma(d2, a02);
            a03 = v.fma(d3, a03);
            v = FloatVector.broadcast(S, x[o + 1]);
            a10 = v.fma(d0, a10);
            a11 = v.fma(d1, a11);
            a12 = v.fma(d2, a12);
            a13 = v.fma(d3, a13);
            v = FloatVector.broadcast(S, x[o + 2]);
            a20 = v.fma(d0, a20);
            a21 = v.fma(d1, a21);
            a22 = v.fma(d2, a22);
            a23 = v.fma(d3, a23);
            v = FloatVector.broadcast(S, x[o + 3]);
            a30 = v.fma(d0, a30);
            a31 = v.fma(d1, a31);
            a32 = v.fma(d2, a32);
            a33 = v.fma(d3, a33);
            v = FloatVector.broadcast(S, x[o + 4]);
            a40 = v.fma(d0, a40);
            a41 = v.fma(d1, a41);
            a42 = v.fma(d2, a42);
            a43 = v.fma(d3, a43);
            v = FloatVector.broadcast(S, x[o + 5]);
            a50 = v.fma(d0, a50);
            a51 = v.fma(d1, a51);
            a52 = v.fma(d2, a52);
            a53 = v.fma(d3, a53);
        }
        a00.intoArray(acc, c);
        a01.intoArray(acc, c + L);
        a02.intoArray(acc, c + 2 * L);
        a03.intoArray(acc, c + 3 * L);
        a10.intoArray(acc, c + n);
        a11.intoArray(acc, c + n + L);
        a12.intoArray(acc, c + n + 2 * L);
        a13.intoArray(acc, c + n + 3 * L);
        a20.intoArray(acc, c + 2 * n);
        a21.intoArray(acc, c + 2 * n + L);
        a22.intoArray(acc, c + 2 * n + 2 * L);
        a23.intoArray(acc, c + 2 * n + 3 * L);
        a30.intoArray(acc, c + 3 * n);
        a31.intoArray(acc, c + 3 * n + L);
        a32.intoArray(acc, c + 3 * n + 2 * L);
        a33.intoArray(acc, c + 3 * n + 3 * L);
        a40.intoArray(acc, c + 4 * n);
        a41.intoArray(acc, c + 4 * n + L);
        a42.intoArray(acc, c + 4 * n + 2 * L);
        a43.intoArray(acc, c + 4 * n + 3 * L);
        a50.intoArray(acc, c + 5 * n);
        a51.intoArray(acc, c + 5 * n + L);
        a52.intoArray(acc, c + 5 * n + 2 * L);
        a53.intoArray(acc, c + 5 * n + 3 * L);
    }

    /** {@link #tile6x4} for two vectors of channels: 12 accumulators, 8 loads per 12 FMAs. */
    private static void tile6x2(float[] x, int[] offsets, int count, int r0, float[] dy, int g0, int n,
                                float[] acc, int c) {
        FloatVector a00 = FloatVector.fromArray(S, acc, c);
        FloatVector a01 = FloatVector.fromArray(S, acc, c + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c + n);
        FloatVector a11 = FloatVector.fromArray(S, acc, c + n + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c + 2 * n);
        FloatVector a21 = FloatVector.fromArray(S, acc, c + 2 * n + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c + 3 * n);
        FloatVector a31 = FloatVector.fromArray(S, acc, c + 3 * n + L);
        FloatVector a40 = FloatVector.fromArray(S, acc, c + 4 * n);
        FloatVector a41 = FloatVector.fromArray(S, acc, c + 4 * n + L);
        FloatVector a50 = FloatVector.fromArray(S, acc, c + 5 * n);
        FloatVector a51 = FloatVector.fromArray(S, acc, c + 5 * n + L);
        for (int p = 0, g = g0; p < count; p++, g += n) {
            FloatVector d0 = FloatVector.fromArray(S, dy, g);
            FloatVector d1 = FloatVector.fromArray(S, dy, g + L);
            int o = offsets[p] + r0;
            FloatVector v = FloatVector.broadcast(S, x[o]);
            a00 = v.fma(d0, a00);
            a01 = v.fma(d1, a01);
            v = FloatVector.broadcast(S, x[o + 1]);
            a10 = v.fma(d0, a10);
            a11 = v.fma(d1, a11);
            v = FloatVector.broadcast(S, x[o + 2]);
            a20 = v.fma(d0, a20);
            a21 = v.fma(d1, a21);
            v = FloatVector.broadcast(S, x[o + 3]);
            a30 = v.fma(d0, a30);
            a31 = v.fma(d1, a31);
            v = FloatVector.broadcast(S, x[o + 4]);
            a40 = v.fma(d0, a40);
            a41 = v.fma(d1, a41);
            v = FloatVector.broadcast(S, x[o + 5]);
            a50 = v.fma(d0, a50);
            a51 = v.fma(d1, a51);
        }
        a00.intoArray(acc, c);
        a01.intoArray(acc, c + L);
        a10.intoArray(acc, c + n);
        a11.intoArray(acc, c + n + L);
        a20.intoArray(acc, c + 2 * n);
        a21.intoArray(acc, c + 2 * n + L);
        a30.intoArray(acc, c + 3 * n);
        a31.intoArray(acc, c + 3 * n + L);
        a40.intoArray(acc, c + 4 * n);
        a41.intoArray(acc, c + 4 * n + L);
        a50.intoArray(acc, c + 5 * n);
        a51.intoArray(acc, c + 5 * n + L);
    }

    /** {@link #tile6x4} for four patch elements: 16 accumulators, 8 loads per 16 FMAs. */
    private static void tile4x4(float[] x, int[] offsets, int count, int r0, float[] dy, int g0, int n,
                                float[] acc, int c) {
        FloatVector a00 = FloatVector.fromArray(S, acc, c);
        FloatVector a01 = FloatVector.fromArray(S, acc, c + L);
        FloatVector a02 = FloatVector.fromArray(S, acc, c + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, acc, c + 3 * L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c + n);
        FloatVector a11 = FloatVector.fromArray(S, acc, c + n + L);
        FloatVector a12 = FloatVector.fromArray(S, acc, c + n + 2 * L);
        FloatVector a13 = FloatVector.fromArray(S, acc, c + n + 3 * L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c + 2 * n);
        FloatVector a21 = FloatVector.fromArray(S, acc, c + 2 * n + L);
        FloatVector a22 = FloatVector.fromArray(S, acc, c + 2 * n + 2 * L);
        FloatVector a23 = FloatVector.fromArray(S, acc, c + 2 * n + 3 * L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c + 3 * n);
        FloatVector a31 = FloatVector.fromArray(S, acc, c + 3 * n + L);
        FloatVector a32 = FloatVector.fromArray(S, acc, c + 3 * n + 2 * L);
        FloatVector a33 = FloatVector.fromArray(S, acc, c + 3 * n + 3 * L);
        for (int p = 0, g = g0; p < count; p++, g += n) {
            FloatVector d0 = FloatVector.fromArray(S, dy, g);
            FloatVector d1 = FloatVector.fromArray(S, dy, g + L);
            FloatVector d2 = FloatVector.fromArray(S, dy, g + 2 * L);
            FloatVector d3 = FloatVector.fromArray(S, dy, g + 3 * L);
            int o = offsets[p] + r0;
            FloatVector v = FloatVector.broadcast(S, x[o]);
            a00 = v.fma(d0, a00);
            a01 = v.fma(d1, a01);
            a02 = v.fma(d2, a02);
            a03 = v.fma(d3, a03);
            v = FloatVector.broadcast(S, x[o + 1]);
            a10 = v.fma(d0, a10);
            a11 = v.fma(d1, a11);
            a12 = v.fma(d2, a12);
            a13 = v.fma(d3, a13);
            v = FloatVector.broadcast(S, x[o + 2]);
            a20 = v.fma(d0, a20);
            a21 = v.fma(d1, a21);
            a22 = v.fma(d2, a22);
            a23 = v.fma(d3, a23);
            v = FloatVector.broadcast(S, x[o + 3]);
            a30 = v.fma(d0, a30);
            a31 = v.fma(d1, a31);
            a32 = v.fma(d2, a32);
            a33 = v.fma(d3, a33);
        }
        a00.intoArray(acc, c);
        a01.intoArray(acc, c + L);
        a02.intoArray(acc, c + 2 * L);
        a03.intoArray(acc, c + 3 * L);
        a10.intoArray(acc, c + n);
        a11.intoArray(acc, c + n + L);
        a12.intoArray(acc, c + n + 2 * L);
        a13.intoArray(acc, c + n + 3 * L);
        a20.intoArray(acc, c + 2 * n);
        a21.intoArray(acc, c + 2 * n + L);
        a22.intoArray(acc, c + 2 * n + 2 * L);
        a23.intoArray(acc, c + 2 * n + 3 * L);
        a30.intoArray(acc, c + 3 * n);
        a31.intoArray(acc, c + 3 * n + L);
        a32.intoArray(acc, c + 3 * n + 2 * L);
        a33.intoArray(acc, c + 3 * n + 3 * L);
    }

    /** {@link #tile4x4} for two vectors of channels: 8 accumulators. */
    private static void tile4x2(float[] x, int[] offsets, int count, int r0, float[] dy, int g0, int n,
                                float[] acc, int c) {
        FloatVector a00 = FloatVector.fromArray(S, acc, c);
        FloatVector a01 = FloatVector.fromArray(S, acc, c + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c + n);
        FloatVector a11 = FloatVector.fromArray(S, acc, c + n + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c + 2 * n);
        FloatVector a21 = FloatVector.fromArray(S, acc, c + 2 * n + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c + 3 * n);
        FloatVector a31 = FloatVector.fromArray(S, acc, c + 3 * n + L);
        for (int p = 0, g = g0; p < count; p++, g += n) {
            FloatVector d0 = FloatVector.fromArray(S, dy, g);
            FloatVector d1 = FloatVector.fromArray(S, dy, g + L);
            int o = offsets[p] + r0;
            FloatVector v = FloatVector.broadcast(S, x[o]);
            a00 = v.fma(d0, a00);
            a01 = v.fma(d1, a01);
            v = FloatVector.broadcast(S, x[o + 1]);
            a10 = v.fma(d0, a10);
            a11 = v.fma(d1, a11);
            v = FloatVector.broadcast(S, x[o + 2]);
            a20 = v.fma(d0, a20);
            a21 = v.fma(d1, a21);
            v = FloatVector.broadcast(S, x[o + 3]);
            a30 = v.fma(d0, a30);
            a31 = v.fma(d1, a31);
        }
        a00.intoArray(acc, c);
        a01.intoArray(acc, c + L);
        a10.intoArray(acc, c + n);
        a11.intoArray(acc, c + n + L);
        a20.intoArray(acc, c + 2 * n);
        a21.intoArray(acc, c + 2 * n + L);
        a30.intoArray(acc, c + 3 * n);
        a31.intoArray(acc, c + 3 * n + L);
    }

    /** One whole vector of channels: 6 independent FMA chains. */
    private static void tile6x1(float[] x, int[] offsets, int count, int r0, int r1, int r2, int r3, int r4,
                                int r5, float[] dy, int g0, int n, float[] acc, int c) {
        FloatVector a0 = FloatVector.fromArray(S, acc, c);
        FloatVector a1 = FloatVector.fromArray(S, acc, c + n);
        FloatVector a2 = FloatVector.fromArray(S, acc, c + 2 * n);
        FloatVector a3 = FloatVector.fromArray(S, acc, c + 3 * n);
        FloatVector a4 = FloatVector.fromArray(S, acc, c + 4 * n);
        FloatVector a5 = FloatVector.fromArray(S, acc, c + 5 * n);
        for (int p = 0, g = g0; p < count; p++, g += n) {
            FloatVector d = FloatVector.fromArray(S, dy, g);
            int o = offsets[p];
            a0 = FloatVector.broadcast(S, x[o + r0]).fma(d, a0);
            a1 = FloatVector.broadcast(S, x[o + r1]).fma(d, a1);
            a2 = FloatVector.broadcast(S, x[o + r2]).fma(d, a2);
            a3 = FloatVector.broadcast(S, x[o + r3]).fma(d, a3);
            a4 = FloatVector.broadcast(S, x[o + r4]).fma(d, a4);
            a5 = FloatVector.broadcast(S, x[o + r5]).fma(d, a5);
        }
        a0.intoArray(acc, c);
        a1.intoArray(acc, c + n);
        a2.intoArray(acc, c + 2 * n);
        a3.intoArray(acc, c + 3 * n);
        a4.intoArray(acc, c + 4 * n);
        a5.intoArray(acc, c + 5 * n);
    }
}
