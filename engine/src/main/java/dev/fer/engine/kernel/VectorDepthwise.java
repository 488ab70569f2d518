package dev.fer.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Depthwise convolution forward on the Vector API, for any channel count (BlazeFace has 8, 12,
 * 24, 28, 42, 88, ...: seldom a multiple of the 16-float vector, so a per-pixel channel loop
 * would spend much of its time in a scalar or masked tail).
 *
 * <p>Stride 1, inside the image: an output row and an input row are, flattened, the same
 * sequence of {@code pixel x channel} floats shifted by {@code (kx - padLeft) * channels}, and
 * the weight of flat position {@code j} is {@code w[tap][j mod channels]}. So the kernel runs
 * along the flat row in full vectors whatever the channel count, {@value #BLOCK} vectors held in
 * registers across all taps. Every weight row is packed repeated to {@code channels + L} floats,
 * so the weights of a vector starting anywhere are one plain load at {@code j mod channels}.
 *
 * <p>The border pixels of stride 1 (where some taps fall outside the image) and all of other
 * strides go pixel by pixel, vectorized over channels, the last vector masked.
 */
final class VectorDepthwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Vectors the flat-row kernel accumulates at once: it loads two vectors per FMA, so 4 suffice. */
    private static final int BLOCK = 4;

    private VectorDepthwise() {}

    /** Length of a packed weight row: the channels, then repeated for one more vector. */
    static int rowLength(int channels) {
        return channels + L;
    }

    /** One packed row per tap, then one for the bias. */
    static int packedSize(WindowGeometry g) {
        return (g.kh() * g.kw() + 1) * rowLength(g.channels());
    }

    static void pack(WindowGeometry g, float[] w, float[] bias, float[] packed) {
        int c = g.channels();
        int r = rowLength(c);
        int taps = g.kh() * g.kw();
        for (int t = 0; t < taps; t++) {
            for (int i = 0; i < r; i++) {
                packed[t * r + i] = w[t * c + i % c];
            }
        }
        for (int i = 0; i < r; i++) {
            packed[taps * r + i] = bias == null ? 0f : bias[i % c];
        }
    }

    /** Output rows [oy0, oy1). */
    static void forward(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff, int oy0, int oy1) {
        int outW = g.outWidth();
        for (int oy = oy0; oy < oy1; oy++) {
            if (g.stride() != 1) {
                pixels(g, x, xOff, packed, y, yOff, oy, 0, outW);
                continue;
            }
            // output pixels whose every tap column lies inside the image
            int inner0 = Math.min(g.padLeft(), outW);
            int inner1 = Math.max(inner0, Math.min(outW, g.width() + g.padLeft() - g.kw() + 1));
            pixels(g, x, xOff, packed, y, yOff, oy, 0, inner0);
            flatRow(g, x, xOff, packed, y, yOff, oy, inner0, inner1);
            pixels(g, x, xOff, packed, y, yOff, oy, inner1, outW);
        }
    }

    /** Stride 1, output pixels [ox0, ox1) of row oy, all of whose taps are inside the row. */
    private static void flatRow(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff,
                                int oy, int ox0, int ox1) {
        int ch = g.channels();
        int r = rowLength(ch);
        int kw = g.kw();
        int ky0 = Math.max(0, g.padTop() - oy);
        int ky1 = Math.min(g.kh(), g.height() + g.padTop() - oy);
        int biasRow = g.kh() * kw * r;
        int rowStride = g.width() * ch;
        // flat positions j of this output row; tap (ky, kx) reads input row iy at j + (kx - padLeft) * ch
        int yRow = yOff + oy * g.outWidth() * ch;
        int xShift = xOff + (oy - g.padTop()) * rowStride - g.padLeft() * ch;
        int j = ox0 * ch;
        int end = ox1 * ch;
        for (; j + BLOCK * L <= end; j += BLOCK * L) {
            int p0 = j % ch;
            int p1 = (j + L) % ch;
            int p2 = (j + 2 * L) % ch;
            int p3 = (j + 3 * L) % ch;
            FloatVector a0 = FloatVector.fromArray(S, packed, biasRow + p0);
            FloatVector a1 = FloatVector.fromArray(S, packed, biasRow + p1);
            FloatVector a2 = FloatVector.fromArray(S, packed, biasRow + p2);
            FloatVector a3 = FloatVector.fromArray(S, packed, biasRow + p3);
            for (int ky = ky0; ky < ky1; ky++) {
                int xb = xShift + ky * rowStride + j;
                int wb = ky * kw * r;
                for (int kx = 0; kx < kw; kx++, xb += ch, wb += r) {
                    a0 = FloatVector.fromArray(S, x, xb).fma(FloatVector.fromArray(S, packed, wb + p0), a0);
                    a1 = FloatVector.fromArray(S, x, xb + L).fma(FloatVector.fromArray(S, packed, wb + p1), a1);
                    a2 = FloatVector.fromArray(S, x, xb + 2 * L).fma(FloatVector.fromArray(S, packed, wb + p2), a2);
                    a3 = FloatVector.fromArray(S, x, xb + 3 * L).fma(FloatVector.fromArray(S, packed, wb + p3), a3);
                }
            }
            a0.intoArray(y, yRow + j);
            a1.intoArray(y, yRow + j + L);
            a2.intoArray(y, yRow + j + 2 * L);
            a3.intoArray(y, yRow + j + 3 * L);
        }
        for (; j < end; j += L) {
            VectorMask<Float> m = S.indexInRange(j, end);
            int p = j % ch;
            FloatVector a = FloatVector.fromArray(S, packed, biasRow + p);
            for (int ky = ky0; ky < ky1; ky++) {
                int xb = xShift + ky * rowStride + j;
                int wb = ky * kw * r;
                for (int kx = 0; kx < kw; kx++, xb += ch, wb += r) {
                    a = FloatVector.fromArray(S, x, xb, m).fma(FloatVector.fromArray(S, packed, wb + p), a);
                }
            }
            a.intoArray(y, yRow + j, m);
        }
    }

    /** Output pixels [ox0, ox1) of row oy one by one, taps clipped to the image, channels in vectors. */
    private static void pixels(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff,
                               int oy, int ox0, int ox1) {
        int ch = g.channels();
        int r = rowLength(ch);
        int kw = g.kw();
        int s = g.stride();
        int ky0 = Math.max(0, g.padTop() - oy * s);
        int ky1 = Math.min(g.kh(), g.height() + g.padTop() - oy * s);
        int biasRow = g.kh() * kw * r;
        int rowStride = g.width() * ch;
        for (int ox = ox0; ox < ox1; ox++) {
            int kx0 = Math.max(0, g.padLeft() - ox * s);
            int kx1 = Math.min(kw, g.width() + g.padLeft() - ox * s);
            int yb = yOff + (oy * g.outWidth() + ox) * ch;
            // input offset of tap (ky, kx): xPixel + ky * rowStride + kx * ch
            int xPixel = xOff + ((oy * s - g.padTop()) * g.width() + ox * s - g.padLeft()) * ch;
            for (int c = 0; c < ch; c += L) {
                VectorMask<Float> m = S.indexInRange(c, ch);
                FloatVector a = FloatVector.fromArray(S, packed, biasRow + c);
                for (int ky = ky0; ky < ky1; ky++) {
                    for (int kx = kx0; kx < kx1; kx++) {
                        int xi = xPixel + ky * rowStride + kx * ch + c;
                        a = FloatVector.fromArray(S, x, xi, m).fma(
                                FloatVector.fromArray(S, packed, (ky * kw + kx) * r + c), a);
                    }
                }
                a.intoArray(y, yb + c, m);
            }
        }
    }
}
