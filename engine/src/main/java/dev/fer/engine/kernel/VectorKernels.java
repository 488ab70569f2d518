package dev.fer.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

import static dev.fer.engine.kernel.ScalarKernels.SIXTH;
import static dev.fer.engine.kernel.ScalarKernels.TWELFTH;
import static dev.fer.engine.kernel.ScalarKernels.TWENTY_FOURTH;

/**
 * Kernels on the Vector API ({@code FloatVector.SPECIES_PREFERRED}: 16 floats with AVX-512).
 * Loaded only through {@link Kernels#best()} when the module is present.
 *
 * <p>GEMM: register-blocked micro-kernels on panels of packed B. B is packed in panels that are
 * contiguous per k, so the inner loop streams them; A is read in place (conv patch rows straight
 * from the padded input). Wide panels (4 vectors, 64 floats with AVX-512) take a 6-row tile: 24
 * accumulators, one broadcast of A per 4 FMAs. Narrow panels (2 vectors) take an 8-row tile: 16
 * accumulators, one broadcast per 2 FMAs. The broadcast competes with the FMAs for an execution
 * port, so the wide tile runs at ~93% of the FMA peak in L1 against ~75% for the narrow one; B is
 * packed in wide panels wherever that does not pad more columns than narrow ones would (see
 * {@link #wideColumns}), and only the last panel may be narrow. K is cut into blocks that do not
 * cross a row segment (one kernel row of a convolution) and are at most {@value #KC} long, so a
 * B panel block stays in L1/L2 while a block of {@value #MC} rows sweeps over it. Each element
 * of C sums its k terms in the same order whatever the tile shape, so the shape does not change
 * results.
 *
 * <p>Channel-wise kernels (pooling, per-channel reductions) vectorize along the contiguous NHWC
 * channel axis (max pooling ends in one masked vector, the others in a scalar tail); depthwise
 * convolution is {@link VectorDepthwise}.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> SI = VectorSpecies.of(int.class, S.vectorShape());
    private static final int L = S.length();
    /** 0, 1, ..., L-1: lane indices. */
    private static final int[] LANES = java.util.stream.IntStream.range(0, L).toArray();
    /** Width of a narrow panel of packed B (two vectors) and rows of its tile. */
    static final int NARROW = 2 * L;
    static final int MR_NARROW = 8;
    /** Width of a wide panel (four vectors) and rows of its tile. */
    static final int WIDE = 4 * L;
    static final int MR_WIDE = 6;
    /** Rows per cache block: a multiple of both tile heights. */
    static final int MC = 48;
    /** Longest K block. */
    static final int KC = 192;

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    /**
     * Columns of an n-wide B packed in wide panels: every whole wide panel, plus the last partial
     * one when it is more than half full (two narrow panels would pad it just as much). Columns
     * from here to n form one narrow panel.
     */
    static int wideColumns(int n) {
        int whole = n / WIDE * WIDE;
        return n - whole > NARROW ? whole + WIDE : whole;
    }

    /** n rounded up to the panels that hold it. */
    static int paddedColumns(int n) {
        int wide = wideColumns(n);
        return n > wide ? wide + NARROW : wide;
    }

    private static int panelWidth(int col, int wideColumns) {
        return col < wideColumns ? WIDE : NARROW;
    }

    /** First column of the panel that holds column {@code col}. */
    private static int panelStart(int col, int wideColumns) {
        return col < wideColumns ? col / WIDE * WIDE : wideColumns;
    }

    @Override
    public int packedSize(int k, int n) {
        return paddedColumns(n) * k;
    }

    @Override
    public void packB(float[] src, int off, int kStride, int nStride, int k, int n, int from, int to, float[] dst) {
        if (from >= to) {
            return;
        }
        int wideCols = wideColumns(n);
        for (int j0 = panelStart(from, wideCols); j0 < to; j0 += panelWidth(j0, wideCols)) {
            int panel = panelWidth(j0, wideCols);
            int width = Math.min(panel, n - j0);
            int base = j0 * k;
            for (int i = 0; i < k; i++) {
                int d = base + i * panel;
                int s = off + i * kStride + j0 * nStride;
                if (nStride == 1 && width == panel) {
                    for (int v = 0; v < panel; v += L) {
                        FloatVector.fromArray(S, src, s + v).intoArray(dst, d + v);
                    }
                } else {
                    for (int j = 0; j < width; j++) {
                        dst[d + j] = src[s + j * nStride];
                    }
                    Arrays.fill(dst, d + width, d + panel, 0f);
                }
            }
        }
    }

    /**
     * Each destination row (a source column) is written a vector at a time from a gather of L
     * source rows; blocks of L source rows keep the gathered lines in L1 while all columns take
     * their turn.
     */
    @Override
    public void transpose(float[] src, int off, int rows, int cols, float[] dst) {
        int[] index = TRANSPOSE_INDEX.get();
        if (index[1] != cols) {
            for (int l = 0; l < L; l++) {
                index[l] = l * cols;
            }
        }
        int i0 = 0;
        for (int bound = S.loopBound(rows); i0 < bound; i0 += L) {
            int base = off + i0 * cols;
            for (int j = 0; j < cols; j++) {
                FloatVector.fromArray(S, src, base + j, index, 0).intoArray(dst, j * rows + i0);
            }
        }
        for (int i = i0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[off + i * cols + j];
            }
        }
    }

    /** Per-thread gather offsets of {@link #transpose}: l * cols. */
    private static final ThreadLocal<int[]> TRANSPOSE_INDEX = ThreadLocal.withInitial(() -> new int[L]);

    /** Every panel starts at a multiple of the wide width (the narrow one follows whole wide ones). */
    @Override
    public int columnAlign() {
        return WIDE;
    }

    @Override
    public void gemm(RowLayout a, int m0, int m1, float[] b, int n, int j0, int j1, float[] c, int cOff, int ldc,
                     boolean accumulate, float[] bias) {
        if (m1 <= m0 || j1 <= j0) {
            return;
        }
        if (j0 % WIDE != 0 || (j1 != n && j1 % WIDE != 0)) {
            throw new IllegalArgumentException("column range [" + j0 + ", " + j1 + ") of " + n + " is not panel-aligned");
        }
        int k = a.depth();
        int wideCols = wideColumns(n);
        // K blocks: whole row segments grouped up to KC long, or one long segment cut into KC pieces
        int segsPerBlock = a.segLen <= KC ? Math.max(1, KC / Math.max(1, a.segLen)) : 1;
        int[] rows = ROW_OFFSETS.get();
        for (int mb = m0; mb < m1; mb += MC) {
            int me = Math.min(mb + MC, m1);
            // the block's row offsets once, not per tile, K block and panel
            a.offsets(mb, me - mb, rows);
            boolean first = true;
            for (int s = 0; s < a.segCount; s += segsPerBlock) {
                int nseg = Math.min(segsPerBlock, a.segCount - s);
                for (int t0 = 0; t0 < a.segLen; t0 += KC) {
                    int len = Math.min(KC, a.segLen - t0);
                    int kOff = s * a.segLen + t0;
                    int aShift = s * a.segStride + t0;
                    boolean fromC = !first || accumulate;
                    float[] blockBias = first ? bias : null;
                    for (int col = j0; col < j1; col += panelWidth(col, wideCols)) {
                        int panel = panelWidth(col, wideCols);
                        int bOff = col * k + kOff * panel;
                        int width = Math.min(panel, j1 - col);
                        int mr = panel == WIDE ? MR_WIDE : MR_NARROW;
                        for (int g = mb; g < me; g += mr) {
                            int valid = Math.min(mr, me - g);
                            int cAt = cOff + g * ldc + col;
                            // a partial tile, or C plus bias, runs in the edge buffer; a whole one starts
                            // from C, the bias row or zeros (ld 0: the same row for every row)
                            boolean edge = valid < mr || width < panel || (fromC && blockBias != null);
                            float[] src;
                            int srcOff = 0;
                            int srcLd = 0;
                            if (edge) {
                                src = edgeTile(c, cAt, ldc, valid, width, panel, fromC, blockBias, col);
                                srcLd = panel;
                            } else if (fromC) {
                                src = c;
                                srcOff = cAt;
                                srcLd = ldc;
                            } else if (blockBias != null) {
                                src = blockBias;
                                srcOff = col;
                            } else {
                                src = ZEROS;
                            }
                            float[] dst = edge ? src : c;
                            int dstOff = edge ? 0 : cAt;
                            int dstLd = edge ? panel : ldc;
                            int r = g - mb;
                            int last = r + valid - 1;
                            // rows past the end repeat the last valid row and are not stored
                            if (panel == WIDE) {
                                wideTile(a.a, rows[r] + aShift, rows[Math.min(r + 1, last)] + aShift,
                                        rows[Math.min(r + 2, last)] + aShift, rows[Math.min(r + 3, last)] + aShift,
                                        rows[Math.min(r + 4, last)] + aShift, rows[Math.min(r + 5, last)] + aShift,
                                        nseg, a.segStride, len, b, bOff, src, srcOff, srcLd, dst, dstOff, dstLd);
                            } else {
                                narrowTile(a.a, rows[r] + aShift, rows[Math.min(r + 1, last)] + aShift,
                                        rows[Math.min(r + 2, last)] + aShift, rows[Math.min(r + 3, last)] + aShift,
                                        rows[Math.min(r + 4, last)] + aShift, rows[Math.min(r + 5, last)] + aShift,
                                        rows[Math.min(r + 6, last)] + aShift, rows[Math.min(r + 7, last)] + aShift,
                                        nseg, a.segStride, len, b, bOff, src, srcOff, srcLd, dst, dstOff, dstLd);
                            }
                            if (edge) {
                                storeEdge(src, panel, c, cAt, ldc, valid, width);
                            }
                        }
                    }
                    first = false;
                }
            }
            if (k == 0) {
                // empty product: C = (accumulate ? C : 0) + bias
                for (int m = mb; m < me; m++) {
                    int row = cOff + m * ldc;
                    for (int j = j0; j < j1; j++) {
                        c[row + j] = (accumulate ? c[row + j] : 0f) + (bias == null ? 0f : bias[j]);
                    }
                }
            }
        }
    }

    /** Per-thread offsets of the current row block's rows in A. */
    private static final ThreadLocal<int[]> ROW_OFFSETS = ThreadLocal.withInitial(() -> new int[MC]);

    /** Read with ld 0: zero rows for a tile that starts from nothing. */
    private static final float[] ZEROS = new float[WIDE];

    /** Per-thread buffer for edge tiles (fewer rows or columns than a whole tile). */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[Math.max(
            MR_NARROW * NARROW, MR_WIDE * WIDE)]);

    /** The edge buffer with C's valid part (or zeros) plus bias in place, {@code panel} floats per row. */
    private static float[] edgeTile(float[] c, int cBase, int ldc, int valid, int width, int panel, boolean init,
                                    float[] bias, int biasCol) {
        float[] dst = EDGE.get();
        Arrays.fill(dst, 0f);
        for (int r = 0; r < valid; r++) {
            for (int j = 0; j < width; j++) {
                dst[r * panel + j] = (init ? c[cBase + r * ldc + j] : 0f) + (bias == null ? 0f : bias[biasCol + j]);
            }
        }
        return dst;
    }

    /** Copies the valid part of an edge tile back to C. */
    private static void storeEdge(float[] edge, int panel, float[] c, int cBase, int ldc, int valid, int width) {
        for (int r = 0; r < valid; r++) {
            System.arraycopy(edge, r * panel, c, cBase + r * ldc, width);
        }
    }

    /**
     * One 8-row tile of a narrow panel: dst = src + A[rows][k block] . B[k block][:], the k block
     * being {@code nseg} runs of {@code len} floats, {@code segStride} apart, in each row; src is C
     * itself, the bias (ld 0), zeros, or an edge buffer. The tile kernels are straight-line code:
     * the caller makes every choice (with branches in here C2 sometimes compiled the loop 3x
     * slower after a deoptimization), and they call nothing that takes a vector (a vector passed
     * to a non-inlined call would be boxed, and C2 then keeps the loop's accumulators boxed too:
     * 10x slower).
     */
    private static void narrowTile(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7,
            int nseg, int segStride, int len, float[] b, int bOff,
            float[] src, int srcOff, int srcLd, float[] dst, int dstOff, int dstLd) {
        FloatVector c00 = FloatVector.fromArray(S, src, srcOff);
        FloatVector c01 = FloatVector.fromArray(S, src, srcOff + L);
        FloatVector c10 = FloatVector.fromArray(S, src, srcOff + srcLd);
        FloatVector c11 = FloatVector.fromArray(S, src, srcOff + srcLd + L);
        FloatVector c20 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd);
        FloatVector c21 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd + L);
        FloatVector c30 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd);
        FloatVector c31 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd + L);
        FloatVector c40 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd);
        FloatVector c41 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd + L);
        FloatVector c50 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd);
        FloatVector c51 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd + L);
        FloatVector c60 = FloatVector.fromArray(S, src, srcOff + 6 * srcLd);
        FloatVector c61 = FloatVector.fromArray(S, src, srcOff + 6 * srcLd + L);
        FloatVector c70 = FloatVector.fromArray(S, src, srcOff + 7 * srcLd);
        FloatVector c71 = FloatVector.fromArray(S, src, srcOff + 7 * srcLd + L);
        int bi = bOff;
        for (int seg = 0; seg < nseg; seg++, o0 += segStride, o1 += segStride, o2 += segStride, o3 += segStride,
                o4 += segStride, o5 += segStride, o6 += segStride, o7 += segStride) {
            for (int t = 0; t < len; t++, bi += NARROW) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector av = FloatVector.broadcast(S, x[o0 + t]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, x[o1 + t]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, x[o2 + t]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, x[o3 + t]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                av = FloatVector.broadcast(S, x[o4 + t]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                av = FloatVector.broadcast(S, x[o5 + t]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
                av = FloatVector.broadcast(S, x[o6 + t]);
                c60 = av.fma(b0, c60);
                c61 = av.fma(b1, c61);
                av = FloatVector.broadcast(S, x[o7 + t]);
                c70 = av.fma(b0, c70);
                c71 = av.fma(b1, c71);
            }
        }
        c00.intoArray(dst, dstOff);
        c01.intoArray(dst, dstOff + L);
        c10.intoArray(dst, dstOff + dstLd);
        c11.intoArray(dst, dstOff + dstLd + L);
        c20.intoArray(dst, dstOff + 2 * dstLd);
        c21.intoArray(dst, dstOff + 2 * dstLd + L);
        c30.intoArray(dst, dstOff + 3 * dstLd);
        c31.intoArray(dst, dstOff + 3 * dstLd + L);
        c40.intoArray(dst, dstOff + 4 * dstLd);
        c41.intoArray(dst, dstOff + 4 * dstLd + L);
        c50.intoArray(dst, dstOff + 5 * dstLd);
        c51.intoArray(dst, dstOff + 5 * dstLd + L);
        c60.intoArray(dst, dstOff + 6 * dstLd);
        c61.intoArray(dst, dstOff + 6 * dstLd + L);
        c70.intoArray(dst, dstOff + 7 * dstLd);
        c71.intoArray(dst, dstOff + 7 * dstLd + L);
    }

    /**
     * One 6-row tile of a wide panel, as {@link #narrowTile} but four vectors wide: 24
     * accumulators, one broadcast of A per four FMAs.
     */
    private static void wideTile(float[] x, int o0, int o1, int o2, int o3, int o4, int o5,
            int nseg, int segStride, int len, float[] b, int bOff,
            float[] src, int srcOff, int srcLd, float[] dst, int dstOff, int dstLd) {
        FloatVector c00 = FloatVector.fromArray(S, src, srcOff);
        FloatVector c01 = FloatVector.fromArray(S, src, srcOff + L);
        FloatVector c02 = FloatVector.fromArray(S, src, srcOff + 2 * L);
        FloatVector c03 = FloatVector.fromArray(S, src, srcOff + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, src, srcOff + srcLd);
        FloatVector c11 = FloatVector.fromArray(S, src, srcOff + srcLd + L);
        FloatVector c12 = FloatVector.fromArray(S, src, srcOff + srcLd + 2 * L);
        FloatVector c13 = FloatVector.fromArray(S, src, srcOff + srcLd + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd);
        FloatVector c21 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd + L);
        FloatVector c22 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd + 2 * L);
        FloatVector c23 = FloatVector.fromArray(S, src, srcOff + 2 * srcLd + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd);
        FloatVector c31 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd + L);
        FloatVector c32 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd + 2 * L);
        FloatVector c33 = FloatVector.fromArray(S, src, srcOff + 3 * srcLd + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd);
        FloatVector c41 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd + L);
        FloatVector c42 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd + 2 * L);
        FloatVector c43 = FloatVector.fromArray(S, src, srcOff + 4 * srcLd + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd);
        FloatVector c51 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd + L);
        FloatVector c52 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd + 2 * L);
        FloatVector c53 = FloatVector.fromArray(S, src, srcOff + 5 * srcLd + 3 * L);
        int bi = bOff;
        for (int seg = 0; seg < nseg; seg++, o0 += segStride, o1 += segStride, o2 += segStride, o3 += segStride,
                o4 += segStride, o5 += segStride) {
            for (int t = 0; t < len; t++, bi += WIDE) {
                FloatVector b0 = FloatVector.fromArray(S, b, bi);
                FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
                FloatVector av = FloatVector.broadcast(S, x[o0 + t]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                c02 = av.fma(b2, c02);
                c03 = av.fma(b3, c03);
                av = FloatVector.broadcast(S, x[o1 + t]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                c12 = av.fma(b2, c12);
                c13 = av.fma(b3, c13);
                av = FloatVector.broadcast(S, x[o2 + t]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                c22 = av.fma(b2, c22);
                c23 = av.fma(b3, c23);
                av = FloatVector.broadcast(S, x[o3 + t]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
                c32 = av.fma(b2, c32);
                c33 = av.fma(b3, c33);
                av = FloatVector.broadcast(S, x[o4 + t]);
                c40 = av.fma(b0, c40);
                c41 = av.fma(b1, c41);
                c42 = av.fma(b2, c42);
                c43 = av.fma(b3, c43);
                av = FloatVector.broadcast(S, x[o5 + t]);
                c50 = av.fma(b0, c50);
                c51 = av.fma(b1, c51);
                c52 = av.fma(b2, c52);
                c53 = av.fma(b3, c53);
            }
        }
        c00.intoArray(dst, dstOff);
        c01.intoArray(dst, dstOff + L);
        c02.intoArray(dst, dstOff + 2 * L);
        c03.intoArray(dst, dstOff + 3 * L);
        c10.intoArray(dst, dstOff + dstLd);
        c11.intoArray(dst, dstOff + dstLd + L);
        c12.intoArray(dst, dstOff + dstLd + 2 * L);
        c13.intoArray(dst, dstOff + dstLd + 3 * L);
        c20.intoArray(dst, dstOff + 2 * dstLd);
        c21.intoArray(dst, dstOff + 2 * dstLd + L);
        c22.intoArray(dst, dstOff + 2 * dstLd + 2 * L);
        c23.intoArray(dst, dstOff + 2 * dstLd + 3 * L);
        c30.intoArray(dst, dstOff + 3 * dstLd);
        c31.intoArray(dst, dstOff + 3 * dstLd + L);
        c32.intoArray(dst, dstOff + 3 * dstLd + 2 * L);
        c33.intoArray(dst, dstOff + 3 * dstLd + 3 * L);
        c40.intoArray(dst, dstOff + 4 * dstLd);
        c41.intoArray(dst, dstOff + 4 * dstLd + L);
        c42.intoArray(dst, dstOff + 4 * dstLd + 2 * L);
        c43.intoArray(dst, dstOff + 4 * dstLd + 3 * L);
        c50.intoArray(dst, dstOff + 5 * dstLd);
        c51.intoArray(dst, dstOff + 5 * dstLd + L);
        c52.intoArray(dst, dstOff + 5 * dstLd + 2 * L);
        c53.intoArray(dst, dstOff + 5 * dstLd + 3 * L);
    }

    @Override
    public void patchWeightGradient(RowLayout a, int m0, int m1, int k0, int k1, float[] dy, int n, float[] acc,
                                    int accOff) {
        VectorWeightGradient.accumulate(a, m0, m1, k0, k1, dy, n, acc, accOff);
    }

    @Override
    public int patchRowAlign() {
        return VectorWeightGradient.ROWS;
    }

    // ---------------------------------------------------------------- depthwise

    @Override
    public int depthwisePackedSize(WindowGeometry g) {
        return VectorDepthwise.packedSize(g);
    }

    @Override
    public void depthwisePack(WindowGeometry g, float[] w, float[] bias, float[] packed) {
        VectorDepthwise.pack(g, w, bias, packed);
    }

    @Override
    public void depthwiseForward(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff,
                                 int oy0, int oy1) {
        VectorDepthwise.forward(g, x, xOff, packed, y, yOff, oy0, oy1);
    }

    @Override
    public void depthwiseBackward(WindowGeometry g, float[] x, int xOff, float[] w, float[] dy, int dyOff,
                                  float[] dx, int dxOff, float[] dw) {
        int ch = g.channels();
        int bound = S.loopBound(ch);
        if (dx != null) {
            Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        }
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int ky0 = Math.max(0, g.padTop() - oy * g.stride());
            int ky1 = Math.min(g.kh(), g.height() + g.padTop() - oy * g.stride());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int kx0 = Math.max(0, g.padLeft() - ox * g.stride());
                int kx1 = Math.min(g.kw(), g.width() + g.padLeft() - ox * g.stride());
                int yb = dyOff + (oy * g.outWidth() + ox) * ch;
                for (int ky = ky0; ky < ky1; ky++) {
                    int iy = oy * g.stride() - g.padTop() + ky;
                    for (int kx = kx0; kx < kx1; kx++) {
                        int ix = ox * g.stride() - g.padLeft() + kx;
                        int xi = (iy * g.width() + ix) * ch;
                        int wb = (ky * g.kw() + kx) * ch;
                        int c = 0;
                        for (; c < bound; c += L) {
                            FloatVector d = FloatVector.fromArray(S, dy, yb + c);
                            d.fma(FloatVector.fromArray(S, x, xOff + xi + c), FloatVector.fromArray(S, dw, wb + c))
                                    .intoArray(dw, wb + c);
                            if (dx != null) {
                                d.fma(FloatVector.fromArray(S, w, wb + c), FloatVector.fromArray(S, dx, dxOff + xi + c))
                                        .intoArray(dx, dxOff + xi + c);
                            }
                        }
                        for (; c < ch; c++) {
                            float d = dy[yb + c];
                            dw[wb + c] += d * x[xOff + xi + c];
                            if (dx != null) {
                                dx[dxOff + xi + c] += d * w[wb + c];
                            }
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- pooling

    @Override
    public void maxPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax, int aOff) {
        int ch = g.channels();
        IntVector lanes = IntVector.zero(SI).addIndex(1);
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int y0 = Math.max(oy * g.stride() - g.padTop(), 0);
            int y1 = Math.min(oy * g.stride() - g.padTop() + g.kh(), g.height());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int x0 = Math.max(ox * g.stride() - g.padLeft(), 0);
                int x1 = Math.min(ox * g.stride() - g.padLeft() + g.kw(), g.width());
                int o = (oy * g.outWidth() + ox) * ch;
                // channels in vectors, the last one masked (BlazeFace pools 28, 42 and 88 channels)
                for (int c = 0; c < ch; c += L) {
                    VectorMask<Float> m = S.indexInRange(c, ch);
                    int first = (y0 * g.width() + x0) * ch + c;
                    FloatVector best = FloatVector.fromArray(S, x, xOff + first, m);
                    IntVector at = lanes.add(first);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            int i = (iy * g.width() + ix) * ch + c;
                            FloatVector v = FloatVector.fromArray(S, x, xOff + i, m);
                            VectorMask<Float> greater = v.compare(VectorOperators.GT, best);
                            best = best.blend(v, greater);
                            at = at.blend(lanes.add(i), greater.cast(SI));
                        }
                    }
                    best.intoArray(y, yOff + o + c, m);
                    if (argmax != null) {
                        at.intoArray(argmax, aOff + o + c, m.cast(SI));
                    }
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(WindowGeometry g, float[] dy, int dyOff, int[] argmax, int aOff, float[] dx, int dxOff) {
        // a scatter: one add per output, no gain from vectors
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int n = g.outputSize();
        for (int o = 0; o < n; o++) {
            dx[dxOff + argmax[aOff + o]] += dy[dyOff + o];
        }
    }

    @Override
    public void avgPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int ch = g.channels();
        int bound = S.loopBound(ch);
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int y0 = Math.max(oy * g.stride() - g.padTop(), 0);
            int y1 = Math.min(oy * g.stride() - g.padTop() + g.kh(), g.height());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int x0 = Math.max(ox * g.stride() - g.padLeft(), 0);
                int x1 = Math.min(ox * g.stride() - g.padLeft() + g.kw(), g.width());
                float inv = 1f / ((y1 - y0) * (x1 - x0));
                int o = yOff + (oy * g.outWidth() + ox) * ch;
                int c = 0;
                for (; c < bound; c += L) {
                    FloatVector s = FloatVector.zero(S);
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            s = s.add(FloatVector.fromArray(S, x, xOff + (iy * g.width() + ix) * ch + c));
                        }
                    }
                    s.mul(inv).intoArray(y, o + c);
                }
                for (; c < ch; c++) {
                    float s = 0f;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            s += x[xOff + (iy * g.width() + ix) * ch + c];
                        }
                    }
                    y[o + c] = s * inv;
                }
            }
        }
    }

    @Override
    public void avgPoolBackward(WindowGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int ch = g.channels();
        int bound = S.loopBound(ch);
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int y0 = Math.max(oy * g.stride() - g.padTop(), 0);
            int y1 = Math.min(oy * g.stride() - g.padTop() + g.kh(), g.height());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int x0 = Math.max(ox * g.stride() - g.padLeft(), 0);
                int x1 = Math.min(ox * g.stride() - g.padLeft() + g.kw(), g.width());
                float inv = 1f / ((y1 - y0) * (x1 - x0));
                int o = dyOff + (oy * g.outWidth() + ox) * ch;
                for (int iy = y0; iy < y1; iy++) {
                    for (int ix = x0; ix < x1; ix++) {
                        int i = dxOff + (iy * g.width() + ix) * ch;
                        int c = 0;
                        for (; c < bound; c += L) {
                            FloatVector.fromArray(S, dy, o + c).fma(FloatVector.broadcast(S, inv), FloatVector.fromArray(S, dx, i + c))
                                    .intoArray(dx, i + c);
                        }
                        for (; c < ch; c++) {
                            dx[i + c] += dy[o + c] * inv;
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void reluForward(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
        }
        for (; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
        }
        for (; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public void dropout(long seed, int threshold, float keep, float[] x, float[] mask, float[] y, int from, int to) {
        int s0 = DropoutHash.key0(seed);
        int s1 = DropoutHash.key1(seed);
        FloatVector keepV = FloatVector.broadcast(S, keep);
        FloatVector zero = FloatVector.zero(S);
        IntVector lane = IntVector.fromArray(SI, LANES, 0);
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            // DropoutHash.hash on L consecutive indices at once
            IntVector h = lane.add(i).mul(DropoutHash.GOLDEN).add(s0);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(DropoutHash.M1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15)).mul(DropoutHash.M2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).lanewise(VectorOperators.XOR, s1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16)).mul(DropoutHash.M1);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 15)).mul(DropoutHash.M2);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            VectorMask<Float> dropped = h.lanewise(VectorOperators.LSHR, 8).compare(VectorOperators.LT, threshold).cast(S);
            FloatVector m = keepV.blend(zero, dropped);
            m.intoArray(mask, i);
            FloatVector.fromArray(S, x, i).mul(m).intoArray(y, i);
        }
        for (; i < to; i++) {
            float m = (DropoutHash.hash(i, s0, s1) >>> 8) < threshold ? 0f : keep;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    @Override
    public void multiply(float[] dy, float[] mask, float[] dx, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(S, dy, i).mul(FloatVector.fromArray(S, mask, i)).intoArray(dx, i);
        }
        for (; i < to; i++) {
            dx[i] = dy[i] * mask[i];
        }
    }

    // ---------------------------------------------------------------- per-channel

    @Override
    public void sumRows(float[] x, int off, int rows, int c, float[] acc) {
        int bound = S.loopBound(c);
        int block = rowBlock(c);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s = FloatVector.fromArray(S, acc, j);
                for (int r = r0; r < r1; r++) {
                    s = s.add(FloatVector.fromArray(S, x, off + r * c + j));
                }
                s.intoArray(acc, j);
            }
            for (; j < c; j++) {
                float s = acc[j];
                for (int r = r0; r < r1; r++) {
                    s += x[off + r * c + j];
                }
                acc[j] = s;
            }
        }
    }

    /**
     * Rows per block of the per-channel reductions: a block of one array stays within 8 KB of L1, so
     * sweeping it once per channel vector (register accumulators) reads memory once. Sweeping all
     * rows per channel vector instead walked the whole tensor c/16 times with a stride: batch norm
     * was 2.5x slower.
     */
    private static int rowBlock(int c) {
        return Math.max(1, 2048 / c);
    }

    @Override
    public void sumDeviationAndSquare(float[] x, int off, int rows, int c, float[] pivot, float[] sum, float[] squares) {
        int bound = S.loopBound(c);
        int block = rowBlock(c);
        // rows in L1-sized blocks, each block swept once per channel vector with register accumulators
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s1 = FloatVector.fromArray(S, sum, j);
                FloatVector s2 = FloatVector.fromArray(S, squares, j);
                FloatVector p = FloatVector.fromArray(S, pivot, j);
                for (int r = r0; r < r1; r++) {
                    FloatVector d = FloatVector.fromArray(S, x, off + r * c + j).sub(p);
                    s1 = s1.add(d);
                    s2 = d.fma(d, s2);
                }
                s1.intoArray(sum, j);
                s2.intoArray(squares, j);
            }
            for (; j < c; j++) {
                float s1 = sum[j];
                float s2 = squares[j];
                for (int r = r0; r < r1; r++) {
                    float d = x[off + r * c + j] - pivot[j];
                    s1 += d;
                    s2 += d * d;
                }
                sum[j] = s1;
                squares[j] = s2;
            }
        }
    }

    @Override
    public void sumAndProductDeviation(float[] dy, float[] x, int off, int rows, int c, float[] mean, float[] reluScale,
                                       float[] reluShift, float[] sumDy, float[] sumDyX) {
        int bound = S.loopBound(c);
        int block = rowBlock(c);
        boolean gated = reluScale != null;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s1 = FloatVector.fromArray(S, sumDy, j);
                FloatVector s2 = FloatVector.fromArray(S, sumDyX, j);
                FloatVector m = FloatVector.fromArray(S, mean, j);
                if (gated) {
                    FloatVector rs = FloatVector.fromArray(S, reluScale, j);
                    FloatVector rh = FloatVector.fromArray(S, reluShift, j);
                    for (int r = r0; r < r1; r++) {
                        int i = off + r * c + j;
                        FloatVector xv = FloatVector.fromArray(S, x, i);
                        // a masked load: dy where the ReLU passed it, 0 elsewhere
                        FloatVector g = FloatVector.fromArray(S, dy, i, reluPasses(xv, rs, rh));
                        s1 = s1.add(g);
                        s2 = g.fma(xv.sub(m), s2);
                    }
                } else {
                    for (int r = r0; r < r1; r++) {
                        int i = off + r * c + j;
                        FloatVector g = FloatVector.fromArray(S, dy, i);
                        s1 = s1.add(g);
                        s2 = g.fma(FloatVector.fromArray(S, x, i).sub(m), s2);
                    }
                }
                s1.intoArray(sumDy, j);
                s2.intoArray(sumDyX, j);
            }
            for (; j < c; j++) {
                float s1 = sumDy[j];
                float s2 = sumDyX[j];
                for (int r = r0; r < r1; r++) {
                    int i = off + r * c + j;
                    float g = ScalarKernels.reluGate(dy[i], x[i], reluScale, reluShift, j);
                    s1 += g;
                    s2 += g * (x[i] - mean[j]);
                }
                sumDy[j] = s1;
                sumDyX[j] = s2;
            }
        }
    }

    /** Lanes where the ReLU after x * scale + shift passes: the same fma as {@link #scaleShift}'s. */
    private static VectorMask<Float> reluPasses(FloatVector x, FloatVector scale, FloatVector shift) {
        return x.fma(scale, shift).compare(VectorOperators.GT, 0f);
    }

    // The element-wise per-channel maps walk the data in memory order (row by row) so each cache
    // line is touched once while it is hot; per-channel constants are re-read from L1.

    @Override
    public void scaleShift(float[] x, int off, int rows, int c, float[] scale, float[] shift, boolean relu, float[] y) {
        int bound = S.loopBound(c);
        for (int r = 0; r < rows; r++) {
            int row = off + r * c;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, row + j)
                        .fma(FloatVector.fromArray(S, scale, j), FloatVector.fromArray(S, shift, j));
                (relu ? v.max(0f) : v).intoArray(y, row + j);
            }
            for (; j < c; j++) {
                float v = x[row + j] * scale[j] + shift[j];
                y[row + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void affine2(float[] dy, float[] x, int off, int rows, int c, float[] k1, float[] k2, float[] k3,
                        float[] reluScale, float[] reluShift, float[] out) {
        int bound = S.loopBound(c);
        boolean gated = reluScale != null;
        for (int r = 0; r < rows; r++) {
            int row = off + r * c;
            int j = 0;
            for (; j < bound; j += L) {
                int i = row + j;
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector g = gated
                        ? FloatVector.fromArray(S, dy, i, reluPasses(xv, FloatVector.fromArray(S, reluScale, j),
                                FloatVector.fromArray(S, reluShift, j)))
                        : FloatVector.fromArray(S, dy, i);
                g.fma(FloatVector.fromArray(S, k1, j), xv.fma(FloatVector.fromArray(S, k2, j), FloatVector.fromArray(S, k3, j)))
                        .intoArray(out, i);
            }
            for (; j < c; j++) {
                int i = row + j;
                out[i] = k1[j] * ScalarKernels.reluGate(dy[i], x[i], reluScale, reluShift, j) + k2[j] * x[i] + k3[j];
            }
        }
    }

    @Override
    public void winogradInput(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0,
                              int count, float[] v) {
        float[] s = WINOGRAD4_SCRATCH.get();
        float[] window = ScalarKernels.windowScratch();
        int rowStride = w * c;
        int plane = Kernels.winogradPlane(count, c);
        int whole = S.loopBound(c);
        for (int t = 0; t < count; t++) {
            int y0 = ScalarKernels.tileRowStart(t0 + t, 2, tilesH, tilesW, top);
            int x0 = ScalarKernels.tileColumnStart(t0 + t, 2, tilesW, left);
            int at = ((ScalarKernels.tileImage(t0 + t, tilesH, tilesW) * h + y0) * w + x0) * c;
            boolean inside = ScalarKernels.windowInside(y0, x0, 4, h, w);
            for (int ch = 0; ch < whole; ch += L) {
                if (inside) {
                    winogradInputVector(x, at + ch, rowStride, c, v, t * c + ch, plane);
                } else {
                    winogradInputClipped(x, at + ch, rowStride, c, y0, x0, h, w, s, v, t * c + ch, plane);
                }
            }
            for (int ch = whole; ch < c; ch++) {
                if (inside) {
                    ScalarKernels.winogradInputChannel(x, at + ch, rowStride, c, v, t * c + ch, plane);
                } else {
                    ScalarKernels.gatherWindow(x, at + ch, rowStride, c, 4, y0, x0, h, w, window);
                    ScalarKernels.winogradInputChannel(window, 0, 4, 1, v, t * c + ch, plane);
                }
            }
        }
    }

    /**
     * {@link #winogradInputVector} for a border tile's window at image row y0, column x0, values
     * outside the {@code h x w} image read as zero: B^T down the columns (straight from x, zero
     * vectors for the padding) into {@code s}, then along the rows, the scalar twin's operations on
     * its gathered window, so equal to it bit for bit.
     */
    private static void winogradInputClipped(float[] x, int at, int rowStride, int c, int y0, int x0, int h, int w,
                                             float[] s, float[] v, int out, int plane) {
        FloatVector zero = FloatVector.zero(S);
        int r0 = Math.max(0, -y0);
        int r1 = Math.min(4, h - y0);
        for (int j = 0; j < 4; j++) {
            if (x0 + j < 0 || x0 + j >= w) {
                for (int r = 0; r < 4; r++) {
                    zero.intoArray(s, j * L + r * 4 * L);
                }
                continue;
            }
            int o = at + j * c;
            winogradInputLine(r0 <= 0 && 0 < r1 ? FloatVector.fromArray(S, x, o) : zero,
                    r0 <= 1 && 1 < r1 ? FloatVector.fromArray(S, x, o + rowStride) : zero,
                    r0 <= 2 && 2 < r1 ? FloatVector.fromArray(S, x, o + 2 * rowStride) : zero,
                    r0 <= 3 && 3 < r1 ? FloatVector.fromArray(S, x, o + 3 * rowStride) : zero,
                    s, j * L, 4 * L);
        }
        for (int i = 0; i < 4; i++) {
            int o = 4 * i * L;
            winogradInputLine(FloatVector.fromArray(S, s, o), FloatVector.fromArray(S, s, o + L),
                    FloatVector.fromArray(S, s, o + 2 * L), FloatVector.fromArray(S, s, o + 3 * L), v,
                    out + 4 * i * plane, plane);
        }
    }

    /** F(2x2)'s B^T on four vectors, as {@link ScalarKernels#winogradInputChannel} applies it: d0 - d2, d1 + d2, d2 - d1, d1 - d3. */
    private static void winogradInputLine(FloatVector d0, FloatVector d1, FloatVector d2, FloatVector d3, float[] out,
                                          int o, int ostep) {
        d0.sub(d2).intoArray(out, o);
        d1.add(d2).intoArray(out, o + ostep);
        d2.sub(d1).intoArray(out, o + 2 * ostep);
        d1.sub(d3).intoArray(out, o + 3 * ostep);
    }

    /** {@link ScalarKernels#winogradInputChannel} for L channels at once, the same operations in the same order. */
    private static void winogradInputVector(float[] x, int at, int rowStride, int c, float[] v, int out, int plane) {
        FloatVector d00 = FloatVector.fromArray(S, x, at + 0 * rowStride + 0 * c);
        FloatVector d01 = FloatVector.fromArray(S, x, at + 0 * rowStride + 1 * c);
        FloatVector d02 = FloatVector.fromArray(S, x, at + 0 * rowStride + 2 * c);
        FloatVector d03 = FloatVector.fromArray(S, x, at + 0 * rowStride + 3 * c);
        FloatVector d10 = FloatVector.fromArray(S, x, at + 1 * rowStride + 0 * c);
        FloatVector d11 = FloatVector.fromArray(S, x, at + 1 * rowStride + 1 * c);
        FloatVector d12 = FloatVector.fromArray(S, x, at + 1 * rowStride + 2 * c);
        FloatVector d13 = FloatVector.fromArray(S, x, at + 1 * rowStride + 3 * c);
        FloatVector d20 = FloatVector.fromArray(S, x, at + 2 * rowStride + 0 * c);
        FloatVector d21 = FloatVector.fromArray(S, x, at + 2 * rowStride + 1 * c);
        FloatVector d22 = FloatVector.fromArray(S, x, at + 2 * rowStride + 2 * c);
        FloatVector d23 = FloatVector.fromArray(S, x, at + 2 * rowStride + 3 * c);
        FloatVector d30 = FloatVector.fromArray(S, x, at + 3 * rowStride + 0 * c);
        FloatVector d31 = FloatVector.fromArray(S, x, at + 3 * rowStride + 1 * c);
        FloatVector d32 = FloatVector.fromArray(S, x, at + 3 * rowStride + 2 * c);
        FloatVector d33 = FloatVector.fromArray(S, x, at + 3 * rowStride + 3 * c);
        FloatVector r00 = d00.sub(d20);
        FloatVector r10 = d10.add(d20);
        FloatVector r20 = d20.sub(d10);
        FloatVector r30 = d10.sub(d30);
        FloatVector r01 = d01.sub(d21);
        FloatVector r11 = d11.add(d21);
        FloatVector r21 = d21.sub(d11);
        FloatVector r31 = d11.sub(d31);
        FloatVector r02 = d02.sub(d22);
        FloatVector r12 = d12.add(d22);
        FloatVector r22 = d22.sub(d12);
        FloatVector r32 = d12.sub(d32);
        FloatVector r03 = d03.sub(d23);
        FloatVector r13 = d13.add(d23);
        FloatVector r23 = d23.sub(d13);
        FloatVector r33 = d13.sub(d33);
        (r00.sub(r02)).intoArray(v, out + 0 * plane);
        (r01.add(r02)).intoArray(v, out + 1 * plane);
        (r02.sub(r01)).intoArray(v, out + 2 * plane);
        (r01.sub(r03)).intoArray(v, out + 3 * plane);
        (r10.sub(r12)).intoArray(v, out + 4 * plane);
        (r11.add(r12)).intoArray(v, out + 5 * plane);
        (r12.sub(r11)).intoArray(v, out + 6 * plane);
        (r11.sub(r13)).intoArray(v, out + 7 * plane);
        (r20.sub(r22)).intoArray(v, out + 8 * plane);
        (r21.add(r22)).intoArray(v, out + 9 * plane);
        (r22.sub(r21)).intoArray(v, out + 10 * plane);
        (r21.sub(r23)).intoArray(v, out + 11 * plane);
        (r30.sub(r32)).intoArray(v, out + 12 * plane);
        (r31.add(r32)).intoArray(v, out + 13 * plane);
        (r32.sub(r31)).intoArray(v, out + 14 * plane);
        (r31.sub(r33)).intoArray(v, out + 15 * plane);
    }

    @Override
    public void winogradOutput(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH, int outW,
                               int tilesH, int tilesW, int t0) {
        int plane = Kernels.winogradPlane(count, cout);
        int whole = S.loopBound(cout);
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            int o = ScalarKernels.winogradWindow(tile, 2, tilesH, tilesW, outH, outW, cout);
            boolean right = ScalarKernels.winogradColumnsInside(tile, 2, tilesW, outW) == 2;
            boolean bottom = ScalarKernels.winogradRowsInside(tile, 2, tilesH, tilesW, outH) == 2;
            for (int co = 0; co < whole; co += L) {
                winogradOutputVector(m, t * cout + co, plane, bias, co, relu, y, o + co, outW * cout, cout, right, bottom);
            }
            for (int co = whole; co < cout; co++) {
                ScalarKernels.winogradOutputChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, y,
                        o + co, outW * cout, cout, right, bottom);
            }
        }
    }

    /**
     * {@link ScalarKernels#winogradOutputChannel} for L channels at once (the bias is loaded in
     * here: a vector passed to a call that is not inlined would be boxed).
     */
    private static void winogradOutputVector(float[] m, int in, int plane, float[] bias, int biasAt, boolean relu,
                                             float[] y, int o, int rowStride, int c, boolean right, boolean bottom) {
        FloatVector b = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasAt);
        FloatVector m00 = FloatVector.fromArray(S, m, in + 0 * plane);
        FloatVector m01 = FloatVector.fromArray(S, m, in + 1 * plane);
        FloatVector m02 = FloatVector.fromArray(S, m, in + 2 * plane);
        FloatVector m03 = FloatVector.fromArray(S, m, in + 3 * plane);
        FloatVector m10 = FloatVector.fromArray(S, m, in + 4 * plane);
        FloatVector m11 = FloatVector.fromArray(S, m, in + 5 * plane);
        FloatVector m12 = FloatVector.fromArray(S, m, in + 6 * plane);
        FloatVector m13 = FloatVector.fromArray(S, m, in + 7 * plane);
        FloatVector m20 = FloatVector.fromArray(S, m, in + 8 * plane);
        FloatVector m21 = FloatVector.fromArray(S, m, in + 9 * plane);
        FloatVector m22 = FloatVector.fromArray(S, m, in + 10 * plane);
        FloatVector m23 = FloatVector.fromArray(S, m, in + 11 * plane);
        FloatVector m30 = FloatVector.fromArray(S, m, in + 12 * plane);
        FloatVector m31 = FloatVector.fromArray(S, m, in + 13 * plane);
        FloatVector m32 = FloatVector.fromArray(S, m, in + 14 * plane);
        FloatVector m33 = FloatVector.fromArray(S, m, in + 15 * plane);
        FloatVector t00 = m00.add(m10).add(m20);
        FloatVector t10 = m10.sub(m20).sub(m30);
        FloatVector t01 = m01.add(m11).add(m21);
        FloatVector t11 = m11.sub(m21).sub(m31);
        FloatVector t02 = m02.add(m12).add(m22);
        FloatVector t12 = m12.sub(m22).sub(m32);
        FloatVector t03 = m03.add(m13).add(m23);
        FloatVector t13 = m13.sub(m23).sub(m33);
        FloatVector y00 = t00.add(t01).add(t02).add(b);
        FloatVector y01 = t01.sub(t02).sub(t03).add(b);
        FloatVector y10 = t10.add(t11).add(t12).add(b);
        FloatVector y11 = t11.sub(t12).sub(t13).add(b);
        if (relu) {
            y00 = y00.max(0f);
            y01 = y01.max(0f);
            y10 = y10.max(0f);
            y11 = y11.max(0f);
        }
        y00.intoArray(y, o);
        if (right) {
            y01.intoArray(y, o + c);
        }
        if (bottom) {
            y10.intoArray(y, o + rowStride);
            if (right) {
                y11.intoArray(y, o + rowStride + c);
            }
        }
    }

    /** Column-then-row intermediates of the F(4x4) transforms: 36 vectors, 4 more for an output row. */
    private static final ThreadLocal<float[]> WINOGRAD4_SCRATCH = ThreadLocal.withInitial(() -> new float[44 * L]);

    @Override
    public void winograd4x4Input(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0,
                                 int count, float[] v) {
        float[] s = WINOGRAD4_SCRATCH.get();
        float[] window = ScalarKernels.windowScratch();
        int rowStride = w * c;
        int plane = Kernels.winogradPlane(count, c);
        int whole = S.loopBound(c);
        for (int t = 0; t < count; t++) {
            int y0 = ScalarKernels.tileRowStart(t0 + t, 4, tilesH, tilesW, top);
            int x0 = ScalarKernels.tileColumnStart(t0 + t, 4, tilesW, left);
            int at = ((ScalarKernels.tileImage(t0 + t, tilesH, tilesW) * h + y0) * w + x0) * c;
            boolean inside = ScalarKernels.windowInside(y0, x0, 6, h, w);
            for (int ch = 0; ch < whole; ch += L) {
                if (inside) {
                    winograd4x4InputVector(x, at + ch, rowStride, c, s, v, t * c + ch, plane);
                } else {
                    winograd4x4InputClipped(x, at + ch, rowStride, c, y0, x0, h, w, s, v, t * c + ch, plane);
                }
            }
            for (int ch = whole; ch < c; ch++) {
                if (inside) {
                    ScalarKernels.winograd4x4InputChannel(x, at + ch, rowStride, c, s, v, t * c + ch, plane);
                } else {
                    ScalarKernels.gatherWindow(x, at + ch, rowStride, c, 6, y0, x0, h, w, window);
                    ScalarKernels.winograd4x4InputChannel(window, 0, 6, 1, s, v, t * c + ch, plane);
                }
            }
        }
    }

    /** {@link ScalarKernels#winograd4x4InputChannel} for L channels at once, the same operations in the same order. */
    private static void winograd4x4InputVector(float[] x, int at, int rowStride, int c, float[] s, float[] v, int out,
                                               int plane) {
        for (int j = 0; j < 6; j++) {
            winograd4x4InputLine(x, at + j * c, rowStride, s, j * L, 6 * L);
        }
        for (int i = 0; i < 6; i++) {
            winograd4x4InputLine(s, 6 * i * L, L, v, out + 6 * i * plane, plane);
        }
    }

    /**
     * {@link #winograd4x4InputVector} for a border tile's window at image row y0, column x0: the
     * values outside the {@code h x w} image read as zero, straight from x (a column wholly
     * outside transforms to zeros), so equal bit for bit to the scalar twin's gathered window.
     */
    private static void winograd4x4InputClipped(float[] x, int at, int rowStride, int c, int y0, int x0, int h, int w,
                                                float[] s, float[] v, int out, int plane) {
        FloatVector zero = FloatVector.zero(S);
        int r0 = Math.max(0, -y0);
        int r1 = Math.min(6, h - y0);
        for (int j = 0; j < 6; j++) {
            if (x0 + j < 0 || x0 + j >= w) {
                for (int r = 0; r < 6; r++) {
                    zero.intoArray(s, j * L + r * 6 * L);
                }
                continue;
            }
            int o = at + j * c;
            winograd4x4InputLine(r0 <= 0 && 0 < r1 ? FloatVector.fromArray(S, x, o) : zero,
                    r0 <= 1 && 1 < r1 ? FloatVector.fromArray(S, x, o + rowStride) : zero,
                    r0 <= 2 && 2 < r1 ? FloatVector.fromArray(S, x, o + 2 * rowStride) : zero,
                    r0 <= 3 && 3 < r1 ? FloatVector.fromArray(S, x, o + 3 * rowStride) : zero,
                    r0 <= 4 && 4 < r1 ? FloatVector.fromArray(S, x, o + 4 * rowStride) : zero,
                    r0 <= 5 && 5 < r1 ? FloatVector.fromArray(S, x, o + 5 * rowStride) : zero,
                    s, j * L, 6 * L);
        }
        for (int i = 0; i < 6; i++) {
            winograd4x4InputLine(s, 6 * i * L, L, v, out + 6 * i * plane, plane);
        }
    }

    /** ScalarKernels' {@code winograd4x4InputLine} on L lanes: vectors at {@code in[at + k * step]} to {@code out[o + r * ostep]}. */
    private static void winograd4x4InputLine(float[] in, int at, int step, float[] out, int o, int ostep) {
        winograd4x4InputLine(FloatVector.fromArray(S, in, at), FloatVector.fromArray(S, in, at + step),
                FloatVector.fromArray(S, in, at + 2 * step), FloatVector.fromArray(S, in, at + 3 * step),
                FloatVector.fromArray(S, in, at + 4 * step), FloatVector.fromArray(S, in, at + 5 * step), out, o, ostep);
    }

    /** The same on six vectors already loaded. */
    private static void winograd4x4InputLine(FloatVector d0, FloatVector d1, FloatVector d2, FloatVector d3,
                                             FloatVector d4, FloatVector d5, float[] out, int o, int ostep) {
        FloatVector t0 = d4.sub(d2.mul(4f));
        FloatVector t1 = d3.sub(d1.mul(4f));
        FloatVector t2 = d4.sub(d2);
        FloatVector t3 = d3.sub(d1).mul(2f);
        d0.mul(4f).sub(d2.mul(5f)).add(d4).intoArray(out, o);
        t0.add(t1).intoArray(out, o + ostep);
        t0.sub(t1).intoArray(out, o + 2 * ostep);
        t2.add(t3).intoArray(out, o + 3 * ostep);
        t2.sub(t3).intoArray(out, o + 4 * ostep);
        d1.mul(4f).sub(d3.mul(5f)).add(d5).intoArray(out, o + 5 * ostep);
    }

    @Override
    public void winograd4x4Output(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH,
                                  int outW, int tilesH, int tilesW, int t0) {
        float[] s = WINOGRAD4_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, cout);
        int whole = S.loopBound(cout);
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            int o = ScalarKernels.winogradWindow(tile, 4, tilesH, tilesW, outH, outW, cout);
            int cols = ScalarKernels.winogradColumnsInside(tile, 4, tilesW, outW);
            int rows = ScalarKernels.winogradRowsInside(tile, 4, tilesH, tilesW, outH);
            for (int co = 0; co < whole; co += L) {
                winograd4x4OutputVector(m, t * cout + co, plane, bias, co, relu, s, y, o + co, outW * cout, cout,
                        rows, cols);
            }
            for (int co = whole; co < cout; co++) {
                ScalarKernels.winograd4x4OutputChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, s,
                        y, o + co, outW * cout, cout, rows, cols);
            }
        }
    }

    /** {@link ScalarKernels#winograd4x4OutputChannel} for L channels at once, the same operations in the same order. */
    private static void winograd4x4OutputVector(float[] m, int in, int plane, float[] bias, int biasAt, boolean relu,
                                                float[] s, float[] y, int o, int rowStride, int c, int rows, int cols) {
        winograd4x4Columns(m, in, plane, s);
        FloatVector bv = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasAt);
        for (int i = 0; i < rows; i++) {
            winograd4x4OutputLine(s, 6 * i * L, L, s, 36 * L, L);
            for (int k = 0; k < cols; k++) {
                FloatVector v = FloatVector.fromArray(S, s, (36 + k) * L).add(bv);
                (relu ? v.max(0f) : v).intoArray(y, o + i * rowStride + k * c);
            }
        }
    }

    @Override
    public void winograd4x4OutputPooled(float[] m, int count, int cout, float[] bias, boolean relu, float[] y,
                                        int outH, int outW, int tilesH, int tilesW, int t0) {
        float[] s = WINOGRAD4_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, cout);
        int whole = S.loopBound(cout);
        int rowStride = outW / 2 * cout;
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            int o = ScalarKernels.winogradWindow(tile, 2, tilesH, tilesW, outH / 2, outW / 2, cout);
            int cols = ScalarKernels.winogradColumnsInside(tile, 4, tilesW, outW) / 2;
            int rows = ScalarKernels.winogradRowsInside(tile, 4, tilesH, tilesW, outH) / 2;
            for (int co = 0; co < whole; co += L) {
                winograd4x4PooledVector(m, t * cout + co, plane, bias, co, relu, s, y, o + co, rowStride, cout, rows,
                        cols);
            }
            for (int co = whole; co < cout; co++) {
                ScalarKernels.winograd4x4PooledChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, s,
                        y, o + co, rowStride, cout, rows, cols);
            }
        }
    }

    /** {@link ScalarKernels#winograd4x4PooledChannel} for L channels at once. */
    private static void winograd4x4PooledVector(float[] m, int in, int plane, float[] bias, int biasAt, boolean relu,
                                                float[] s, float[] y, int o, int rowStride, int c, int rows, int cols) {
        winograd4x4Columns(m, in, plane, s);
        FloatVector bv = bias == null ? FloatVector.zero(S) : FloatVector.fromArray(S, bias, biasAt);
        for (int i = 0; i < rows; i++) {
            winograd4x4OutputLine(s, 12 * i * L, L, s, 36 * L, L);
            winograd4x4OutputLine(s, (12 * i + 6) * L, L, s, 40 * L, L);
            for (int k = 0; k < cols; k++) {
                FloatVector top = FloatVector.fromArray(S, s, (36 + 2 * k) * L).add(bv)
                        .max(FloatVector.fromArray(S, s, (37 + 2 * k) * L).add(bv));
                FloatVector bottom = FloatVector.fromArray(S, s, (40 + 2 * k) * L).add(bv)
                        .max(FloatVector.fromArray(S, s, (41 + 2 * k) * L).add(bv));
                FloatVector v = top.max(bottom);
                (relu ? v.max(0f) : v).intoArray(y, o + i * rowStride + k * c);
            }
        }
    }

    /** ScalarKernels' {@code winograd4x4Columns} on L lanes. */
    private static void winograd4x4Columns(float[] m, int in, int plane, float[] s) {
        for (int j = 0; j < 6; j++) {
            winograd4x4OutputLine(m, in + j * plane, 6 * plane, s, j * L, 6 * L);
        }
    }

    /** ScalarKernels' {@code winograd4x4OutputLine} on L lanes. */
    private static void winograd4x4OutputLine(float[] in, int at, int step, float[] out, int o, int ostep) {
        FloatVector m0 = FloatVector.fromArray(S, in, at);
        FloatVector m1 = FloatVector.fromArray(S, in, at + step);
        FloatVector m2 = FloatVector.fromArray(S, in, at + 2 * step);
        FloatVector m3 = FloatVector.fromArray(S, in, at + 3 * step);
        FloatVector m4 = FloatVector.fromArray(S, in, at + 4 * step);
        FloatVector m5 = FloatVector.fromArray(S, in, at + 5 * step);
        FloatVector a = m1.add(m2);
        FloatVector b = m1.sub(m2);
        FloatVector cc = m3.add(m4);
        FloatVector d = m3.sub(m4);
        m0.add(a).add(cc).intoArray(out, o);
        b.add(d.mul(2f)).intoArray(out, o + ostep);
        a.add(cc.mul(4f)).intoArray(out, o + 2 * ostep);
        b.add(d.mul(8f)).add(m5).intoArray(out, o + 3 * ostep);
    }

    @Override
    public void winogradWeightTransform(int tile, float[] hwio, int cin, int cout, int ci0, int ci1, float[] u) {
        float[] s = GRADIENT_SCRATCH.get();
        int plane = cin * cout;
        int n = tile + 2;
        int whole = S.loopBound(cout);
        for (int ci = ci0; ci < ci1; ci++) {
            for (int co = 0; co < whole; co += L) {
                int at = ci * cout + co;
                for (int kx = 0; kx < 3; kx++) {
                    weightLineVector(tile, FloatVector.fromArray(S, hwio, at + kx * plane),
                            FloatVector.fromArray(S, hwio, at + (3 + kx) * plane),
                            FloatVector.fromArray(S, hwio, at + (6 + kx) * plane), s, kx * L, 3 * L);
                }
                for (int r = 0; r < n; r++) {
                    weightLineVector(tile, FloatVector.fromArray(S, s, 3 * r * L),
                            FloatVector.fromArray(S, s, (3 * r + 1) * L), FloatVector.fromArray(S, s, (3 * r + 2) * L),
                            u, at + r * n * plane, plane);
                }
            }
            for (int co = whole; co < cout; co++) {
                ScalarKernels.weightTransformChannel(tile, hwio, plane, s, u, ci * cout + co);
            }
        }
    }

    /** ScalarKernels' {@code weightLine} on L lanes. */
    private static void weightLineVector(int tile, FloatVector a0, FloatVector a1, FloatVector a2, float[] out, int o,
                                         int ostep) {
        FloatVector h = a0.add(a2);
        if (tile == 2) {
            a0.intoArray(out, o);
            h.add(a1).mul(0.5f).intoArray(out, o + ostep);
            h.sub(a1).mul(0.5f).intoArray(out, o + 2 * ostep);
            a2.intoArray(out, o + 3 * ostep);
            return;
        }
        FloatVector p = a0.mul(TWENTY_FOURTH).add(a2.mul(SIXTH));
        FloatVector q = a1.mul(TWELFTH);
        a0.mul(0.25f).intoArray(out, o);
        h.add(a1).mul(-SIXTH).intoArray(out, o + ostep);
        h.sub(a1).mul(-SIXTH).intoArray(out, o + 2 * ostep);
        p.add(q).intoArray(out, o + 3 * ostep);
        p.sub(q).intoArray(out, o + 4 * ostep);
        a2.intoArray(out, o + 5 * ostep);
    }

    // ---------------------------------------------------------------- Winograd weight gradient

    /** Scratch of the weight-gradient transforms in vectors: A down a dy tile's columns (24), or 36 summed points, 18 and 3. */
    private static final ThreadLocal<float[]> GRADIENT_SCRATCH = ThreadLocal.withInitial(() -> new float[57 * L]);

    @Override
    public void winogradGradientTransform(int tile, float[] dy, int outH, int outW, int c, int tilesH, int tilesW,
                                          int t0, int count, float[] w) {
        float[] s = GRADIENT_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, c);
        int whole = S.loopBound(c);
        int rowStride = outW * c;
        for (int t = 0; t < count; t++) {
            int o = ScalarKernels.winogradWindow(t0 + t, tile, tilesH, tilesW, outH, outW, c);
            int rows = ScalarKernels.winogradRowsInside(t0 + t, tile, tilesH, tilesW, outH);
            int cols = ScalarKernels.winogradColumnsInside(t0 + t, tile, tilesW, outW);
            for (int ch = 0; ch < whole; ch += L) {
                gradientTransformVector(tile, dy, o + ch, rowStride, c, rows, cols, s, w, t * c + ch, plane);
            }
            for (int ch = whole; ch < c; ch++) {
                ScalarKernels.gradientTransformChannel(tile, dy, o + ch, rowStride, c, rows, cols, s, w, t * c + ch,
                        plane);
            }
        }
    }

    /** {@link ScalarKernels#gradientTransformChannel} for L channels at once, the same operations in the same order. */
    private static void gradientTransformVector(int tile, float[] dy, int at, int rowStride, int c, int rows, int cols,
                                                float[] s, float[] w, int out, int plane) {
        int n = tile + 2;
        FloatVector zero = FloatVector.zero(S);
        for (int k = 0; k < tile; k++) {
            int o = at + k * c;
            boolean inside = k < cols;
            FloatVector d0 = inside ? FloatVector.fromArray(S, dy, o) : zero;
            FloatVector d1 = inside && rows > 1 ? FloatVector.fromArray(S, dy, o + rowStride) : zero;
            FloatVector d2 = tile == 4 && inside && rows > 2 ? FloatVector.fromArray(S, dy, o + 2 * rowStride) : zero;
            FloatVector d3 = tile == 4 && inside && rows > 3 ? FloatVector.fromArray(S, dy, o + 3 * rowStride) : zero;
            gradientLineVector(tile, d0, d1, d2, d3, s, k * L, tile * L);
        }
        for (int p = 0; p < n; p++) {
            int o = p * tile * L;
            FloatVector d0 = FloatVector.fromArray(S, s, o);
            FloatVector d1 = FloatVector.fromArray(S, s, o + L);
            FloatVector d2 = tile == 4 ? FloatVector.fromArray(S, s, o + 2 * L) : zero;
            FloatVector d3 = tile == 4 ? FloatVector.fromArray(S, s, o + 3 * L) : zero;
            gradientLineVector(tile, d0, d1, d2, d3, w, out + p * n * plane, plane);
        }
    }

    /** ScalarKernels' {@code gradientLine} on L lanes (d2 and d3 unused for F(2x2)). */
    private static void gradientLineVector(int tile, FloatVector d0, FloatVector d1, FloatVector d2, FloatVector d3,
                                           float[] out, int o, int ostep) {
        d0.intoArray(out, o);
        if (tile == 2) {
            d0.add(d1).intoArray(out, o + ostep);
            d0.sub(d1).intoArray(out, o + 2 * ostep);
            d1.neg().intoArray(out, o + 3 * ostep);
            return;
        }
        FloatVector e = d0.add(d2);
        FloatVector od = d1.add(d3);
        FloatVector e4 = d0.add(d2.mul(4f));
        FloatVector o8 = d1.mul(2f).add(d3.mul(8f));
        e.add(od).intoArray(out, o + ostep);
        e.sub(od).intoArray(out, o + 2 * ostep);
        e4.add(o8).intoArray(out, o + 3 * ostep);
        e4.sub(o8).intoArray(out, o + 4 * ostep);
        d3.intoArray(out, o + 5 * ostep);
    }

    @Override
    public void winogradKernelGradient(int tile, float[] u, int parts, int partStride, int cin, int cout, int ci0,
                                       int ci1, float[] grad) {
        float[] s = GRADIENT_SCRATCH.get();
        int n = tile + 2;
        int points = n * n;
        int plane = cin * cout;
        int whole = S.loopBound(cout);
        for (int ci = ci0; ci < ci1; ci++) {
            for (int co = 0; co < whole; co += L) {
                int at = ci * cout + co;
                for (int p = 0; p < points; p++) {
                    FloatVector m = FloatVector.fromArray(S, u, p * plane + at);
                    for (int part = 1; part < parts; part++) {
                        m = m.add(FloatVector.fromArray(S, u, part * partStride + p * plane + at));
                    }
                    m.intoArray(s, p * L);
                }
                for (int j = 0; j < n; j++) {
                    kernelLineVector(tile, s, j * L, n * L, s, (36 + j) * L, n * L);
                }
                for (int ky = 0; ky < 3; ky++) {
                    kernelLineVector(tile, s, (36 + ky * n) * L, L, s, 54 * L, L);
                    for (int kx = 0; kx < 3; kx++) {
                        int g = at + (ky * 3 + kx) * plane;
                        FloatVector.fromArray(S, grad, g).add(FloatVector.fromArray(S, s, (54 + kx) * L))
                                .intoArray(grad, g);
                    }
                }
            }
            for (int co = whole; co < cout; co++) {
                ScalarKernels.kernelGradientChannel(tile, u, parts, partStride, plane, s, grad, ci * cout + co);
            }
        }
    }

    /** ScalarKernels' {@code kernelLine} on L lanes. */
    private static void kernelLineVector(int tile, float[] in, int at, int step, float[] out, int o, int ostep) {
        FloatVector m0 = FloatVector.fromArray(S, in, at);
        FloatVector m1 = FloatVector.fromArray(S, in, at + step);
        FloatVector m2 = FloatVector.fromArray(S, in, at + 2 * step);
        FloatVector m3 = FloatVector.fromArray(S, in, at + 3 * step);
        FloatVector a = m1.add(m2);
        FloatVector b = m1.sub(m2);
        if (tile == 2) {
            FloatVector half = a.mul(0.5f);
            m0.add(half).intoArray(out, o);
            b.mul(0.5f).intoArray(out, o + ostep);
            half.add(m3).intoArray(out, o + 2 * ostep);
            return;
        }
        FloatVector m4 = FloatVector.fromArray(S, in, at + 4 * step);
        FloatVector m5 = FloatVector.fromArray(S, in, at + 5 * step);
        FloatVector cc = m3.add(m4);
        FloatVector d = m3.sub(m4);
        m0.mul(0.25f).sub(a.mul(SIXTH)).add(cc.mul(TWENTY_FOURTH)).intoArray(out, o);
        d.mul(TWELFTH).sub(b.mul(SIXTH)).intoArray(out, o + ostep);
        cc.sub(a).mul(SIXTH).add(m5).intoArray(out, o + 2 * ostep);
    }
}
