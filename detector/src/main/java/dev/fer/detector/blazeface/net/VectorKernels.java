package dev.fer.detector.blazeface.net;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API. Channels are innermost (NHWC), so every kernel vectorises
 * over channels; channel counts that are not a multiple of the vector length (BlazeFace has 24,
 * 28, 42, 88, ...) end in one masked step instead of a scalar tail.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Pixels computed together by {@link #pointwise}, so each weight vector loaded serves four FMAs. */
    private static final int PIXEL_BLOCK = 4;

    /** Scratch rows for {@link #conv}'s im2col, one per thread, grown to the largest layer. */
    private static final ThreadLocal<float[][]> PATCHES = ThreadLocal.withInitial(() -> new float[1][0]);

    @Override
    public void pointwise(float[] in, int pixels, int cin, float[] w, float[] bias, int cout, float[] out,
                          boolean relu) {
        pointwise(in, 0, pixels, cin, w, bias, cout, out, 0, relu);
    }

    /**
     * {@link #pointwise} reading from {@code in[inOff...]} and writing to {@code out[outOff...]}.
     * Output channels are the outer loop, so a column of the weights one or two vectors wide stays
     * in L1 while every pixel passes; pixels go four at a time so each weight vector loaded feeds
     * four FMAs, and with two vectors of outputs each broadcast input feeds two.
     */
    private static void pointwise(float[] in, int inOff, int pixels, int cin, float[] w, float[] bias, int cout,
                                  float[] out, int outOff, boolean relu) {
        int o = 0;
        for (; o + L < cout; o += 2 * L) {
            pointwisePair(in, inOff, pixels, cin, w, bias, cout, out, outOff, relu, o);
        }
        for (; o < cout; o += L) {
            VectorMask<Float> m = S.indexInRange(o, cout);
            FloatVector b = FloatVector.fromArray(S, bias, o, m);
            int p = 0;
            for (; p + PIXEL_BLOCK <= pixels; p += PIXEL_BLOCK) {
                int i0 = inOff + p * cin;
                int i1 = i0 + cin;
                int i2 = i1 + cin;
                int i3 = i2 + cin;
                FloatVector a0 = b;
                FloatVector a1 = b;
                FloatVector a2 = b;
                FloatVector a3 = b;
                for (int i = 0, wi = o; i < cin; i++, wi += cout) {
                    FloatVector wv = FloatVector.fromArray(S, w, wi, m);
                    a0 = FloatVector.broadcast(S, in[i0 + i]).fma(wv, a0);
                    a1 = FloatVector.broadcast(S, in[i1 + i]).fma(wv, a1);
                    a2 = FloatVector.broadcast(S, in[i2 + i]).fma(wv, a2);
                    a3 = FloatVector.broadcast(S, in[i3 + i]).fma(wv, a3);
                }
                if (relu) {
                    a0 = a0.max(0f);
                    a1 = a1.max(0f);
                    a2 = a2.max(0f);
                    a3 = a3.max(0f);
                }
                int ob = outOff + p * cout + o;
                a0.intoArray(out, ob, m);
                a1.intoArray(out, ob + cout, m);
                a2.intoArray(out, ob + 2 * cout, m);
                a3.intoArray(out, ob + 3 * cout, m);
            }
            for (; p < pixels; p++) {
                int ib = inOff + p * cin;
                FloatVector a = b;
                for (int i = 0, wi = o; i < cin; i++, wi += cout) {
                    a = FloatVector.broadcast(S, in[ib + i]).fma(FloatVector.fromArray(S, w, wi, m), a);
                }
                (relu ? a.max(0f) : a).intoArray(out, outOff + p * cout + o, m);
            }
        }
    }

    /** Output channels {@code o .. o + 2L} (the first vector full, the second masked) of {@link #pointwise}. */
    private static void pointwisePair(float[] in, int inOff, int pixels, int cin, float[] w, float[] bias, int cout,
                                      float[] out, int outOff, boolean relu, int o) {
        int o2 = o + L;
        VectorMask<Float> m = S.indexInRange(o2, cout);
        FloatVector b = FloatVector.fromArray(S, bias, o);
        FloatVector b2 = FloatVector.fromArray(S, bias, o2, m);
        int p = 0;
        for (; p + PIXEL_BLOCK <= pixels; p += PIXEL_BLOCK) {
            int i0 = inOff + p * cin;
            int i1 = i0 + cin;
            int i2 = i1 + cin;
            int i3 = i2 + cin;
            FloatVector a0 = b;
            FloatVector a1 = b;
            FloatVector a2 = b;
            FloatVector a3 = b;
            FloatVector c0 = b2;
            FloatVector c1 = b2;
            FloatVector c2 = b2;
            FloatVector c3 = b2;
            for (int i = 0, wi = o; i < cin; i++, wi += cout) {
                FloatVector wv = FloatVector.fromArray(S, w, wi);
                FloatVector wv2 = FloatVector.fromArray(S, w, wi + L, m);
                FloatVector x0 = FloatVector.broadcast(S, in[i0 + i]);
                FloatVector x1 = FloatVector.broadcast(S, in[i1 + i]);
                FloatVector x2 = FloatVector.broadcast(S, in[i2 + i]);
                FloatVector x3 = FloatVector.broadcast(S, in[i3 + i]);
                a0 = x0.fma(wv, a0);
                a1 = x1.fma(wv, a1);
                a2 = x2.fma(wv, a2);
                a3 = x3.fma(wv, a3);
                c0 = x0.fma(wv2, c0);
                c1 = x1.fma(wv2, c1);
                c2 = x2.fma(wv2, c2);
                c3 = x3.fma(wv2, c3);
            }
            if (relu) {
                a0 = a0.max(0f);
                a1 = a1.max(0f);
                a2 = a2.max(0f);
                a3 = a3.max(0f);
                c0 = c0.max(0f);
                c1 = c1.max(0f);
                c2 = c2.max(0f);
                c3 = c3.max(0f);
            }
            int ob = outOff + p * cout + o;
            a0.intoArray(out, ob);
            a1.intoArray(out, ob + cout);
            a2.intoArray(out, ob + 2 * cout);
            a3.intoArray(out, ob + 3 * cout);
            c0.intoArray(out, ob + L, m);
            c1.intoArray(out, ob + cout + L, m);
            c2.intoArray(out, ob + 2 * cout + L, m);
            c3.intoArray(out, ob + 3 * cout + L, m);
        }
        for (; p < pixels; p++) {
            int ib = inOff + p * cin;
            FloatVector a = b;
            FloatVector c = b2;
            for (int i = 0, wi = o; i < cin; i++, wi += cout) {
                FloatVector x = FloatVector.broadcast(S, in[ib + i]);
                a = x.fma(FloatVector.fromArray(S, w, wi), a);
                c = x.fma(FloatVector.fromArray(S, w, wi + L, m), c);
            }
            int ob = outOff + p * cout + o;
            (relu ? a.max(0f) : a).intoArray(out, ob);
            (relu ? c.max(0f) : c).intoArray(out, ob + L, m);
        }
    }

    /**
     * Gathers each output row's input patches ({@code kh*kw*cin} values per pixel, zeros where the
     * window leaves the image) into a scratch matrix, then multiplies it by the weights with the
     * pointwise kernel: the first layer has only 3 input channels, far too few to vectorise directly.
     */
    @Override
    public void conv(float[] in, int inH, int inW, int cin, float[] w, float[] bias, int cout, int kh, int kw,
                     int stride, int padTop, int padLeft, float[] out, int outH, int outW, boolean relu) {
        int patch = kh * kw * cin;
        float[][] holder = PATCHES.get();
        if (holder[0].length < outW * patch) {
            holder[0] = new float[outW * patch];
        }
        float[] cols = holder[0];
        for (int oy = 0; oy < outH; oy++) {
            int c = 0;
            for (int ox = 0; ox < outW; ox++) {
                for (int ky = 0; ky < kh; ky++) {
                    int iy = oy * stride + ky - padTop;
                    for (int kx = 0; kx < kw; kx++, c += cin) {
                        int ix = ox * stride + kx - padLeft;
                        // plain loops: cin is 3 here, too short for arraycopy's call overhead
                        if (iy < 0 || iy >= inH || ix < 0 || ix >= inW) {
                            for (int i = 0; i < cin; i++) {
                                cols[c + i] = 0f;
                            }
                        } else {
                            for (int i = 0, src = (iy * inW + ix) * cin; i < cin; i++) {
                                cols[c + i] = in[src + i];
                            }
                        }
                    }
                }
            }
            pointwise(cols, 0, outW, patch, w, bias, cout, out, oy * outW * cout, relu);
        }
    }

    /** 3x3 depthwise layers (all of BlazeFace's) keep the nine weight vectors in registers. */
    @Override
    public void depthwise(float[] in, int inH, int inW, int c, float[] w, float[] bias, int kh, int kw, int stride,
                          int padTop, int padLeft, float[] out, int outH, int outW, boolean relu) {
        if (kh != 3 || kw != 3) {
            depthwiseAnySize(in, inH, inW, c, w, bias, kh, kw, stride, padTop, padLeft, out, outH, outW, relu);
            return;
        }
        int row = inW * c;
        for (int ch = 0; ch < c; ch += L) {
            VectorMask<Float> m = S.indexInRange(ch, c);
            FloatVector b = FloatVector.fromArray(S, bias, ch, m);
            FloatVector w0 = FloatVector.fromArray(S, w, ch, m);
            FloatVector w1 = FloatVector.fromArray(S, w, c + ch, m);
            FloatVector w2 = FloatVector.fromArray(S, w, 2 * c + ch, m);
            FloatVector w3 = FloatVector.fromArray(S, w, 3 * c + ch, m);
            FloatVector w4 = FloatVector.fromArray(S, w, 4 * c + ch, m);
            FloatVector w5 = FloatVector.fromArray(S, w, 5 * c + ch, m);
            FloatVector w6 = FloatVector.fromArray(S, w, 6 * c + ch, m);
            FloatVector w7 = FloatVector.fromArray(S, w, 7 * c + ch, m);
            FloatVector w8 = FloatVector.fromArray(S, w, 8 * c + ch, m);
            for (int oy = 0; oy < outH; oy++) {
                int iy = oy * stride - padTop;
                boolean rowsInside = iy >= 0 && iy + 2 < inH;
                for (int ox = 0; ox < outW; ox++) {
                    int ix = ox * stride - padLeft;
                    FloatVector a;
                    if (rowsInside && ix >= 0 && ix + 2 < inW) {
                        int p = (iy * inW + ix) * c + ch;
                        a = FloatVector.fromArray(S, in, p, m).fma(w0, b);
                        a = FloatVector.fromArray(S, in, p + c, m).fma(w1, a);
                        a = FloatVector.fromArray(S, in, p + 2 * c, m).fma(w2, a);
                        a = FloatVector.fromArray(S, in, p + row, m).fma(w3, a);
                        a = FloatVector.fromArray(S, in, p + row + c, m).fma(w4, a);
                        a = FloatVector.fromArray(S, in, p + row + 2 * c, m).fma(w5, a);
                        a = FloatVector.fromArray(S, in, p + 2 * row, m).fma(w6, a);
                        a = FloatVector.fromArray(S, in, p + 2 * row + c, m).fma(w7, a);
                        a = FloatVector.fromArray(S, in, p + 2 * row + 2 * c, m).fma(w8, a);
                    } else {
                        a = b;
                        for (int ky = 0; ky < 3; ky++) {
                            int y = iy + ky;
                            if (y < 0 || y >= inH) {
                                continue;
                            }
                            for (int kx = 0; kx < 3; kx++) {
                                int x = ix + kx;
                                if (x >= 0 && x < inW) {
                                    FloatVector wv = FloatVector.fromArray(S, w, (ky * 3 + kx) * c + ch, m);
                                    a = FloatVector.fromArray(S, in, (y * inW + x) * c + ch, m).fma(wv, a);
                                }
                            }
                        }
                    }
                    (relu ? a.max(0f) : a).intoArray(out, (oy * outW + ox) * c + ch, m);
                }
            }
        }
    }

    private static void depthwiseAnySize(float[] in, int inH, int inW, int c, float[] w, float[] bias, int kh,
                                         int kw, int stride, int padTop, int padLeft, float[] out, int outH,
                                         int outW, boolean relu) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int ob = (oy * outW + ox) * c;
                for (int ch = 0; ch < c; ch += L) {
                    VectorMask<Float> m = S.indexInRange(ch, c);
                    FloatVector a = FloatVector.fromArray(S, bias, ch, m);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride + ky - padTop;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride + kx - padLeft;
                            if (ix >= 0 && ix < inW) {
                                FloatVector x = FloatVector.fromArray(S, in, (iy * inW + ix) * c + ch, m);
                                a = x.fma(FloatVector.fromArray(S, w, (ky * kw + kx) * c + ch, m), a);
                            }
                        }
                    }
                    (relu ? a.max(0f) : a).intoArray(out, ob + ch, m);
                }
            }
        }
    }

    @Override
    public void maxPool(float[] in, int inH, int inW, int c, int kh, int kw, int stride, int padTop, int padLeft,
                        float[] out, int outH, int outW) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int ob = (oy * outW + ox) * c;
                for (int ch = 0; ch < c; ch += L) {
                    VectorMask<Float> m = S.indexInRange(ch, c);
                    FloatVector a = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride + ky - padTop;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride + kx - padLeft;
                            if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                                a = a.max(FloatVector.fromArray(S, in, (iy * inW + ix) * c + ch, m));
                            }
                        }
                    }
                    a.intoArray(out, ob + ch, m);
                }
            }
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n, boolean relu) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(S, a, i, m).add(FloatVector.fromArray(S, b, i, m));
            (relu ? s.max(0f) : s).intoArray(out, i, m);
        }
    }

    @Override
    public void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, in, i, m).max(0f).intoArray(out, i, m);
        }
    }

    @Override
    public void padChannels(float[] in, int pixels, int cin, int before, int cout, float[] out) {
        FloatVector zero = FloatVector.zero(S);
        for (int p = 0; p < pixels; p++) {
            int ob = p * cout;
            for (int o = 0; o < cout; o += L) {
                zero.intoArray(out, ob + o, S.indexInRange(o, cout));
            }
            int ib = p * cin;
            for (int i = 0; i < cin; i += L) {
                VectorMask<Float> m = S.indexInRange(i, cin);
                FloatVector.fromArray(S, in, ib + i, m).intoArray(out, ob + before + i, m);
            }
        }
    }
}
