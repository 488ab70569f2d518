package dev.fer.detector.blazeface.net;

/** Plain loops: the reference for {@link VectorKernels} and the fallback without the Vector API. */
public final class ScalarKernels implements Kernels {

    @Override
    public void pointwise(float[] in, int pixels, int cin, float[] w, float[] bias, int cout, float[] out,
                          boolean relu) {
        for (int p = 0; p < pixels; p++) {
            int ib = p * cin;
            int ob = p * cout;
            for (int o = 0; o < cout; o++) {
                float s = bias[o];
                for (int i = 0; i < cin; i++) {
                    s += in[ib + i] * w[i * cout + o];
                }
                out[ob + o] = relu ? Math.max(s, 0f) : s;
            }
        }
    }

    @Override
    public void conv(float[] in, int inH, int inW, int cin, float[] w, float[] bias, int cout, int kh, int kw,
                     int stride, int padTop, int padLeft, float[] out, int outH, int outW, boolean relu) {
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                int ob = (oy * outW + ox) * cout;
                for (int o = 0; o < cout; o++) {
                    float s = bias[o];
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
                            int wb = (ky * kw + kx) * cin * cout + o;
                            for (int i = 0; i < cin; i++) {
                                s += in[ib + i] * w[wb + i * cout];
                            }
                        }
                    }
                    out[ob + o] = relu ? Math.max(s, 0f) : s;
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
                for (int ch = 0; ch < c; ch++) {
                    float s = bias[ch];
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride + ky - padTop;
                        if (iy < 0 || iy >= inH) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride + kx - padLeft;
                            if (ix >= 0 && ix < inW) {
                                s += in[(iy * inW + ix) * c + ch] * w[(ky * kw + kx) * c + ch];
                            }
                        }
                    }
                    out[ob + ch] = relu ? Math.max(s, 0f) : s;
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
                for (int ch = 0; ch < c; ch++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * stride + ky - padTop;
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * stride + kx - padLeft;
                            if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                                m = Math.max(m, in[(iy * inW + ix) * c + ch]);
                            }
                        }
                    }
                    out[ob + ch] = m;
                }
            }
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n, boolean relu) {
        for (int i = 0; i < n; i++) {
            float s = a[i] + b[i];
            out[i] = relu ? Math.max(s, 0f) : s;
        }
    }

    @Override
    public void relu(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(in[i], 0f);
        }
    }

    @Override
    public void padChannels(float[] in, int pixels, int cin, int before, int cout, float[] out) {
        for (int p = 0; p < pixels; p++) {
            int ob = p * cout;
            java.util.Arrays.fill(out, ob, ob + cout, 0f);
            System.arraycopy(in, p * cin, out, ob + before, cin);
        }
    }
}
