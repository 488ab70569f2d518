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

    @Override
    public void pointwise(float[] in, int pixels, int cin, float[] w, float[] bias, int cout, float[] out,
                          boolean relu) {
        int p = 0;
        for (; p + PIXEL_BLOCK <= pixels; p += PIXEL_BLOCK) {
            int i0 = p * cin;
            int i1 = i0 + cin;
            int i2 = i1 + cin;
            int i3 = i2 + cin;
            int ob = p * cout;
            for (int o = 0; o < cout; o += L) {
                VectorMask<Float> m = S.indexInRange(o, cout);
                FloatVector b = FloatVector.fromArray(S, bias, o, m);
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
                a0.intoArray(out, ob + o, m);
                a1.intoArray(out, ob + cout + o, m);
                a2.intoArray(out, ob + 2 * cout + o, m);
                a3.intoArray(out, ob + 3 * cout + o, m);
            }
        }
        for (; p < pixels; p++) {
            int ib = p * cin;
            for (int o = 0; o < cout; o += L) {
                VectorMask<Float> m = S.indexInRange(o, cout);
                FloatVector a = FloatVector.fromArray(S, bias, o, m);
                for (int i = 0, wi = o; i < cin; i++, wi += cout) {
                    a = FloatVector.broadcast(S, in[ib + i]).fma(FloatVector.fromArray(S, w, wi, m), a);
                }
                (relu ? a.max(0f) : a).intoArray(out, p * cout + o, m);
            }
        }
    }

    @Override
    public void conv(float[] in, int inH, int inW, int cin, float[] w, float[] bias, int cout, int kh, int kw,
                     int stride, int padTop, int padLeft, float[] out, int outH, int outW, boolean relu) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int ob = (oy * outW + ox) * cout;
                for (int o = 0; o < cout; o += L) {
                    VectorMask<Float> m = S.indexInRange(o, cout);
                    FloatVector a = FloatVector.fromArray(S, bias, o, m);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride + ky - padTop;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride + kx - padLeft;
                            if (ix < 0 || ix >= inW) {
                                continue;
                            }
                            int ib = (iy * inW + ix) * cin;
                            int wi = (ky * kw + kx) * cin * cout + o;
                            for (int i = 0; i < cin; i++, wi += cout) {
                                a = FloatVector.broadcast(S, in[ib + i]).fma(FloatVector.fromArray(S, w, wi, m), a);
                            }
                        }
                    }
                    (relu ? a.max(0f) : a).intoArray(out, ob + o, m);
                }
            }
        }
    }

    @Override
    public void depthwise(float[] in, int inH, int inW, int c, float[] w, float[] bias, int kh, int kw, int stride,
                          int padTop, int padLeft, float[] out, int outH, int outW, boolean relu) {
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
