package dev.fer.engine.kernel;

import java.util.Arrays;

/** Plain loops: the reference for {@link VectorGraphKernels} and the fallback without the Vector API. */
public final class ScalarGraphKernels implements GraphKernels {

    @Override
    public void add(float[] a, float[] b, float[] out, int from, int to, boolean relu) {
        for (int i = from; i < to; i++) {
            float s = a[i] + b[i];
            out[i] = relu ? Math.max(s, 0f) : s;
        }
    }

    @Override
    public void bilinearPixel(float[] x, int i00, int i10, int i01, int i11, float w00, float w10, float w01,
                              float w11, float[] y, int d, int channels) {
        for (int c = 0; c < channels; c++) {
            y[d + c] = x[i00 + c] * w00 + x[i10 + c] * w10 + x[i01 + c] * w01 + x[i11 + c] * w11;
        }
    }

    @Override
    public void addPadded(float[] a, float[] b, float[] out, int from, int to, int channels, int bChannels, int before,
                          boolean relu) {
        for (int r = from; r < to; r++) {
            for (int c = 0; c < channels; c++) {
                int i = r * channels + c;
                float s = a[i] + (c >= before && c < before + bChannels ? b[r * bChannels + c - before] : 0f);
                out[i] = relu ? Math.max(s, 0f) : s;
            }
        }
    }

    @Override
    public void padChannels(float[] in, int from, int to, int cin, int before, int cout, float[] out) {
        for (int r = from; r < to; r++) {
            int o = r * cout;
            Arrays.fill(out, o, o + cout, 0f);
            System.arraycopy(in, r * cin, out, o + before, cin);
        }
    }
}
