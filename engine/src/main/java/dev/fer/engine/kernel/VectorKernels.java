package dev.fer.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Kernels on the Vector API ({@code FloatVector.SPECIES_PREFERRED}: 16 floats with AVX-512).
 * Loaded only through {@link Kernels#best()} when the module is present.
 *
 * <p>GEMM: a register-blocked micro-kernel computes an 8-row x 2-vector tile of C (16
 * accumulators) with one broadcast of A and two loads of packed B per k step (16 FMAs). B is
 * packed in panels of 2 vectors' width (contiguous per k), so the inner loop streams it; A is
 * read in place (conv patch rows straight from the padded input). K is cut into blocks that do
 * not cross a row segment (one kernel row of a convolution) and are at most {@value #KC} long,
 * so a B panel block stays in L1/L2 while a block of {@value #MC} rows sweeps over it.
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
    /** Panel width: two vectors. */
    static final int NR = 2 * L;
    /** Rows per micro-kernel tile. */
    static final int MR = 8;
    /** Rows per cache block. */
    static final int MC = 48;
    /** Longest K block. */
    static final int KC = 192;

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    private static int panels(int n) {
        return (n + NR - 1) / NR;
    }

    @Override
    public int packedSize(int k, int n) {
        return panels(n) * NR * k;
    }

    @Override
    public void packB(float[] src, int off, int kStride, int nStride, int k, int n, float[] dst) {
        int np = panels(n);
        for (int p = 0; p < np; p++) {
            int j0 = p * NR;
            int width = Math.min(NR, n - j0);
            int base = p * k * NR;
            for (int i = 0; i < k; i++) {
                int d = base + i * NR;
                int s = off + i * kStride + j0 * nStride;
                if (nStride == 1 && width == NR) {
                    FloatVector.fromArray(S, src, s).intoArray(dst, d);
                    FloatVector.fromArray(S, src, s + L).intoArray(dst, d + L);
                } else {
                    for (int j = 0; j < width; j++) {
                        dst[d + j] = src[s + j * nStride];
                    }
                    Arrays.fill(dst, d + width, d + NR, 0f);
                }
            }
        }
    }

    @Override
    public void packRowsAsB(RowLayout a, int m0, int count, float[] dst) {
        int n = a.depth();
        int np = panels(n);
        float[] x = a.a;
        for (int i = 0; i < count; i++) {
            int off = a.offset(m0 + i);
            // copy the row's runs (kernel rows of a patch) cut at panel boundaries: no division per
            // element, which made short runs (1-channel input: 3 floats) 5x slower than the GEMM
            int k = 0;
            for (int s = 0; s < a.segCount; s++) {
                int src = off + s * a.segStride;
                int left = a.segLen;
                while (left > 0) {
                    int p = k / NR;
                    int j = k - p * NR;
                    int run = Math.min(left, NR - j);
                    System.arraycopy(x, src, dst, (p * count + i) * NR + j, run);
                    k += run;
                    src += run;
                    left -= run;
                }
            }
            if (k < np * NR) {
                int p = k / NR;
                int d = (p * count + i) * NR;
                Arrays.fill(dst, d + k - p * NR, d + NR, 0f);
            }
        }
    }

    @Override
    public void gemm(RowLayout a, int m0, int m1, float[] b, int n, float[] c, int cOff, int ldc,
                     boolean accumulate, float[] bias) {
        if (m1 <= m0) {
            return;
        }
        int k = a.depth();
        int np = panels(n);
        // K blocks: whole row segments grouped up to KC long, or one long segment cut into KC pieces
        int segsPerBlock = a.segLen <= KC ? Math.max(1, KC / Math.max(1, a.segLen)) : 1;
        for (int mb = m0; mb < m1; mb += MC) {
            int me = Math.min(mb + MC, m1);
            boolean first = true;
            for (int s = 0; s < a.segCount; s += segsPerBlock) {
                int nseg = Math.min(segsPerBlock, a.segCount - s);
                for (int t0 = 0; t0 < a.segLen; t0 += KC) {
                    int len = Math.min(KC, a.segLen - t0);
                    int kOff = s * a.segLen + t0;
                    int aShift = s * a.segStride + t0;
                    for (int p = 0; p < np; p++) {
                        int bOff = (p * k + kOff) * NR;
                        int col = p * NR;
                        int width = Math.min(NR, n - col);
                        for (int g = mb; g < me; g += MR) {
                            int valid = Math.min(MR, me - g);
                            int lastRow = g + valid - 1;
                            // rows past the end repeat the last valid row and are not stored
                            tile(a.a, a.offset(g) + aShift, a.offset(Math.min(g + 1, lastRow)) + aShift,
                                    a.offset(Math.min(g + 2, lastRow)) + aShift, a.offset(Math.min(g + 3, lastRow)) + aShift,
                                    a.offset(Math.min(g + 4, lastRow)) + aShift, a.offset(Math.min(g + 5, lastRow)) + aShift,
                                    a.offset(Math.min(g + 6, lastRow)) + aShift, a.offset(Math.min(g + 7, lastRow)) + aShift,
                                    nseg, a.segStride, len, b, bOff, c, cOff + g * ldc + col, ldc, valid, width,
                                    first ? (accumulate ? 1 : 0) : 1, first ? bias : null, col);
                        }
                    }
                    first = false;
                }
            }
            if (k == 0) {
                // empty product: C = (accumulate ? C : 0) + bias
                for (int m = mb; m < me; m++) {
                    int row = cOff + m * ldc;
                    for (int j = 0; j < n; j++) {
                        c[row + j] = (accumulate ? c[row + j] : 0f) + (bias == null ? 0f : bias[j]);
                    }
                }
            }
        }
    }

    /** Per-thread buffer for edge tiles (fewer than MR rows or NR columns). */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    /**
     * One MR x NR tile: C = (load ? C : 0) + bias + A[rows][k block] . B[k block][:], the k block being
     * {@code nseg} runs of {@code len} floats, {@code segStride} apart, in each row. Only the first
     * {@code valid} rows and {@code width} columns are written. Edge tiles run through a small
     * buffer so the loop itself is always full width; the method calls nothing that takes a vector
     * (a vector passed to a non-inlined call would be boxed, and C2 then keeps the loop's
     * accumulators boxed too: 10x slower).
     */
    private static void tile(float[] x, int o0, int o1, int o2, int o3, int o4, int o5, int o6, int o7,
                             int nseg, int segStride, int len, float[] b, int bOff, float[] c, int cBase, int ldc,
                             int valid, int width, int load, float[] bias, int biasCol) {
        boolean full = valid == MR && width == NR;
        float[] dst = c;
        int at = cBase;
        int ld = ldc;
        boolean init = load != 0;
        if (!full) {
            dst = EDGE.get();
            at = 0;
            ld = NR;
            java.util.Arrays.fill(dst, 0f);
            for (int r = 0; r < valid; r++) {
                for (int j = 0; j < width; j++) {
                    dst[r * NR + j] = (init ? c[cBase + r * ldc + j] : 0f) + (bias == null ? 0f : bias[biasCol + j]);
                }
            }
            init = true;
            bias = null;
        }
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (init) {
            c00 = FloatVector.fromArray(S, dst, at);
            c01 = FloatVector.fromArray(S, dst, at + L);
            c10 = FloatVector.fromArray(S, dst, at + ld);
            c11 = FloatVector.fromArray(S, dst, at + ld + L);
            c20 = FloatVector.fromArray(S, dst, at + 2 * ld);
            c21 = FloatVector.fromArray(S, dst, at + 2 * ld + L);
            c30 = FloatVector.fromArray(S, dst, at + 3 * ld);
            c31 = FloatVector.fromArray(S, dst, at + 3 * ld + L);
            c40 = FloatVector.fromArray(S, dst, at + 4 * ld);
            c41 = FloatVector.fromArray(S, dst, at + 4 * ld + L);
            c50 = FloatVector.fromArray(S, dst, at + 5 * ld);
            c51 = FloatVector.fromArray(S, dst, at + 5 * ld + L);
            c60 = FloatVector.fromArray(S, dst, at + 6 * ld);
            c61 = FloatVector.fromArray(S, dst, at + 6 * ld + L);
            c70 = FloatVector.fromArray(S, dst, at + 7 * ld);
            c71 = FloatVector.fromArray(S, dst, at + 7 * ld + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c00;
        }
        if (bias != null) {
            FloatVector b0 = FloatVector.fromArray(S, bias, biasCol);
            FloatVector b1 = FloatVector.fromArray(S, bias, biasCol + L);
            c00 = c00.add(b0);
            c01 = c01.add(b1);
            c10 = c10.add(b0);
            c11 = c11.add(b1);
            c20 = c20.add(b0);
            c21 = c21.add(b1);
            c30 = c30.add(b0);
            c31 = c31.add(b1);
            c40 = c40.add(b0);
            c41 = c41.add(b1);
            c50 = c50.add(b0);
            c51 = c51.add(b1);
            c60 = c60.add(b0);
            c61 = c61.add(b1);
            c70 = c70.add(b0);
            c71 = c71.add(b1);
        }
        int bi = bOff;
        for (int seg = 0; seg < nseg; seg++, o0 += segStride, o1 += segStride, o2 += segStride, o3 += segStride,
                o4 += segStride, o5 += segStride, o6 += segStride, o7 += segStride) {
            for (int t = 0; t < len; t++, bi += NR) {
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
        c00.intoArray(dst, at);
        c01.intoArray(dst, at + L);
        c10.intoArray(dst, at + ld);
        c11.intoArray(dst, at + ld + L);
        c20.intoArray(dst, at + 2 * ld);
        c21.intoArray(dst, at + 2 * ld + L);
        c30.intoArray(dst, at + 3 * ld);
        c31.intoArray(dst, at + 3 * ld + L);
        c40.intoArray(dst, at + 4 * ld);
        c41.intoArray(dst, at + 4 * ld + L);
        c50.intoArray(dst, at + 5 * ld);
        c51.intoArray(dst, at + 5 * ld + L);
        c60.intoArray(dst, at + 6 * ld);
        c61.intoArray(dst, at + 6 * ld + L);
        c70.intoArray(dst, at + 7 * ld);
        c71.intoArray(dst, at + 7 * ld + L);
        if (!full) {
            for (int r = 0; r < valid; r++) {
                System.arraycopy(dst, r * NR, c, cBase + r * ldc, width);
            }
        }
    }

    /** Pixels per block of {@link #shortPatchWeightGradient}: their dy rows stay in L1. */
    private static final int PIXEL_BLOCK = 64;
    private static final ThreadLocal<int[]> PIXEL_OFFSETS = ThreadLocal.withInitial(() -> new int[PIXEL_BLOCK]);

    @Override
    public void shortPatchWeightGradient(RowLayout a, int m0, int m1, float[] dy, int n, float[] acc) {
        float[] x = a.a;
        int bound = S.loopBound(n);
        int[] offsets = PIXEL_OFFSETS.get();
        // per block of pixels, each (patch element, pair of output-channel vectors) sums over the
        // block in registers: two independent FMA chains, acc touched once per block
        for (int mb = m0; mb < m1; mb += PIXEL_BLOCK) {
            int count = Math.min(PIXEL_BLOCK, m1 - mb);
            for (int p = 0; p < count; p++) {
                offsets[p] = a.offset(mb + p);
            }
            int row = 0;
            for (int s = 0; s < a.segCount; s++) {
                for (int t = 0; t < a.segLen; t++, row += n) {
                    int k = s * a.segStride + t;
                    int j = 0;
                    for (; j + 2 * L <= bound; j += 2 * L) {
                        FloatVector s0 = FloatVector.fromArray(S, acc, row + j);
                        FloatVector s1 = FloatVector.fromArray(S, acc, row + j + L);
                        for (int p = 0, g = mb * n + j; p < count; p++, g += n) {
                            FloatVector v = FloatVector.broadcast(S, x[offsets[p] + k]);
                            s0 = v.fma(FloatVector.fromArray(S, dy, g), s0);
                            s1 = v.fma(FloatVector.fromArray(S, dy, g + L), s1);
                        }
                        s0.intoArray(acc, row + j);
                        s1.intoArray(acc, row + j + L);
                    }
                    for (; j < bound; j += L) {
                        FloatVector s0 = FloatVector.fromArray(S, acc, row + j);
                        for (int p = 0, g = mb * n + j; p < count; p++, g += n) {
                            s0 = FloatVector.broadcast(S, x[offsets[p] + k]).fma(FloatVector.fromArray(S, dy, g), s0);
                        }
                        s0.intoArray(acc, row + j);
                    }
                    for (; j < n; j++) {
                        float s0 = acc[row + j];
                        for (int p = 0, g = mb * n + j; p < count; p++, g += n) {
                            s0 += x[offsets[p] + k] * dy[g];
                        }
                        acc[row + j] = s0;
                    }
                }
            }
        }
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
    public void sumAndProductDeviation(float[] dy, float[] x, int off, int rows, int c, float[] mean, float[] sumDy,
                                       float[] sumDyX) {
        int bound = S.loopBound(c);
        int block = rowBlock(c);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector s1 = FloatVector.fromArray(S, sumDy, j);
                FloatVector s2 = FloatVector.fromArray(S, sumDyX, j);
                FloatVector m = FloatVector.fromArray(S, mean, j);
                for (int r = r0; r < r1; r++) {
                    int i = off + r * c + j;
                    FloatVector g = FloatVector.fromArray(S, dy, i);
                    s1 = s1.add(g);
                    s2 = g.fma(FloatVector.fromArray(S, x, i).sub(m), s2);
                }
                s1.intoArray(sumDy, j);
                s2.intoArray(sumDyX, j);
            }
            for (; j < c; j++) {
                float s1 = sumDy[j];
                float s2 = sumDyX[j];
                for (int r = r0; r < r1; r++) {
                    int i = off + r * c + j;
                    s1 += dy[i];
                    s2 += dy[i] * (x[i] - mean[j]);
                }
                sumDy[j] = s1;
                sumDyX[j] = s2;
            }
        }
    }

    // The element-wise per-channel maps walk the data in memory order (row by row) so each cache
    // line is touched once while it is hot; per-channel constants are re-read from L1.

    @Override
    public void scaleShift(float[] x, int off, int rows, int c, float[] scale, float[] shift, float[] y) {
        int bound = S.loopBound(c);
        for (int r = 0; r < rows; r++) {
            int row = off + r * c;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, row + j)
                        .fma(FloatVector.fromArray(S, scale, j), FloatVector.fromArray(S, shift, j))
                        .intoArray(y, row + j);
            }
            for (; j < c; j++) {
                y[row + j] = x[row + j] * scale[j] + shift[j];
            }
        }
    }

    @Override
    public void affine2(float[] dy, float[] x, int off, int rows, int c, float[] k1, float[] k2, float[] k3,
                        float[] out) {
        int bound = S.loopBound(c);
        for (int r = 0; r < rows; r++) {
            int row = off + r * c;
            int j = 0;
            for (; j < bound; j += L) {
                int i = row + j;
                FloatVector.fromArray(S, dy, i).fma(FloatVector.fromArray(S, k1, j),
                        FloatVector.fromArray(S, x, i).fma(FloatVector.fromArray(S, k2, j), FloatVector.fromArray(S, k3, j)))
                        .intoArray(out, i);
            }
            for (; j < c; j++) {
                int i = row + j;
                out[i] = k1[j] * dy[i] + k2[j] * x[i] + k3[j];
            }
        }
    }
}
