package dev.fer.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GraphKernels} on the Vector API. Channel counts in BlazeFace (24, 28, 42, 88, ...) are
 * seldom multiples of the vector length, so rows end in one masked step, not a scalar tail.
 */
public final class VectorGraphKernels implements GraphKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void add(float[] a, float[] b, float[] out, int from, int to, boolean relu) {
        for (int i = from; i < to; i += L) {
            VectorMask<Float> m = S.indexInRange(i, to);
            FloatVector s = FloatVector.fromArray(S, a, i, m).add(FloatVector.fromArray(S, b, i, m));
            (relu ? s.max(0f) : s).intoArray(out, i, m);
        }
    }

    @Override
    public void bilinearPixel(float[] x, int i00, int i10, int i01, int i11, float w00, float w10, float w01,
                              float w11, float[] y, int d, int channels) {
        for (int c = 0; c < channels; c += L) {
            VectorMask<Float> m = S.indexInRange(c, channels);
            // mul then add, not fma: the same roundings as the scalar twin
            FloatVector.fromArray(S, x, i00 + c, m).mul(w00)
                    .add(FloatVector.fromArray(S, x, i10 + c, m).mul(w10))
                    .add(FloatVector.fromArray(S, x, i01 + c, m).mul(w01))
                    .add(FloatVector.fromArray(S, x, i11 + c, m).mul(w11))
                    .intoArray(y, d + c, m);
        }
    }

    @Override
    public void addPadded(float[] a, float[] b, float[] out, int from, int to, int channels, int bChannels, int before,
                          boolean relu) {
        for (int r = from; r < to; r++) {
            int row = r * channels;
            int bRow = r * bChannels - before;
            for (int c = 0; c < channels; c += L) {
                VectorMask<Float> m = S.indexInRange(c, channels);
                // lanes of b's channels only: the rest of the shortcut is the padding's zeros
                FloatVector s = FloatVector.fromArray(S, a, row + c, m)
                        .add(FloatVector.fromArray(S, b, bRow + c, S.indexInRange(c - before, bChannels)));
                (relu ? s.max(0f) : s).intoArray(out, row + c, m);
            }
        }
    }

    @Override
    public void padChannels(float[] in, int from, int to, int cin, int before, int cout, float[] out) {
        FloatVector zero = FloatVector.zero(S);
        for (int r = from; r < to; r++) {
            int o = r * cout;
            for (int c = 0; c < cout; c += L) {
                zero.intoArray(out, o + c, S.indexInRange(c, cout));
            }
            int i0 = r * cin;
            for (int c = 0; c < cin; c += L) {
                VectorMask<Float> m = S.indexInRange(c, cin);
                FloatVector.fromArray(S, in, i0 + c, m).intoArray(out, o + before + c, m);
            }
        }
    }
}
