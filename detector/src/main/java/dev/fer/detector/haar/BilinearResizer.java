package dev.fer.detector.haar;

/**
 * Shrinks an 8-bit image one output row at a time, bit for bit as OpenCV's bit-exact bilinear
 * resize ({@code cv::resize(..., INTER_LINEAR_EXACT)}, {@code resize_bitExact} with
 * {@code interpolationLinear<uchar>}), which is what the cascade classifier uses to build its
 * pyramid: source coordinates in double, 8-bit fixed-point weights ({@code ufixedpoint16}), a
 * horizontal pass to 8.8 fixed point and a vertical pass to 16.16 that rounds half up. Output pixels
 * left or right of (above or below) the source's pixel centres copy the edge pixel. An output the
 * size of the input is a plain copy, as in {@code cv::resize}.
 *
 * <p>Rows come out in any order; the two horizontally resized source rows last used are kept, so a
 * top-to-bottom walk resizes every source row once. One instance per thread; {@link #configure}
 * reuses its tables.
 */
final class BilinearResizer {
    private static final int ONE = 1 << 8;

    private byte[] src;
    private int srcWidth;
    private int srcHeight;
    private int dstWidth;
    private boolean copy;

    private final Axis xAxis = new Axis();
    private final Axis yAxis = new Axis();

    /** Horizontally resized source rows (8.8 fixed point): two slots, each remembering its source row. */
    private int[][] hrows = {new int[0], new int[0]};
    private final int[] hrowSource = {-1, -1};

    /** The source positions and weights along one axis ({@code interpolationLinear::getCoeffs}). */
    private static final class Axis {
        int[] offset = new int[0];
        int[] weight1 = new int[0];
        /** Outputs below {@code min} copy the first source pixel, from {@code max} on the last. */
        int min;
        int max;

        void configure(int srcSize, int dstSize) {
            if (offset.length < dstSize) {
                offset = new int[dstSize];
                weight1 = new int[dstSize];
            }
            double scale = 1.0 / ((double) dstSize / srcSize);
            min = 0;
            max = dstSize;
            for (int d = 0; d < dstSize; d++) {
                double f = scale * (d + 0.5) - 0.5;
                int i = (int) Math.floor(f);
                if (i >= 0 && srcSize > 1) {
                    if (i < srcSize - 1) {
                        offset[d] = i;
                        weight1[d] = (int) Math.rint((f - i) * ONE);
                    } else {
                        offset[d] = srcSize - 1;
                        max = Math.min(max, d);
                    }
                } else {
                    min = Math.max(min, d + 1);
                }
            }
        }
    }

    void configure(byte[] pixels, int width, int height, int dstWidth, int dstHeight) {
        this.src = pixels;
        this.srcWidth = width;
        this.srcHeight = height;
        this.dstWidth = dstWidth;
        hrowSource[0] = hrowSource[1] = -1;
        copy = dstWidth == width && dstHeight == height;
        if (copy) {
            return;
        }
        xAxis.configure(width, dstWidth);
        yAxis.configure(height, dstHeight);
        if (hrows[0].length < dstWidth) {
            hrows = new int[][] {new int[dstWidth], new int[dstWidth]};
        }
    }

    /** Writes output row {@code dy} ({@code dstWidth} pixels) into {@code out}. */
    void row(int dy, byte[] out) {
        if (copy) {
            System.arraycopy(src, dy * srcWidth, out, 0, srcWidth);
            return;
        }
        int w = dstWidth;
        if (dy < yAxis.min || dy >= yAxis.max) {
            int[] h = horizontal(dy < yAxis.min ? 0 : srcHeight - 1, -1);
            for (int x = 0; x < w; x++) {
                out[x] = (byte) Math.min(255, (h[x] + (ONE >> 1)) >> 8);
            }
            return;
        }
        int sy = yAxis.offset[dy];
        int[] h0 = horizontal(sy, sy + 1);
        int[] h1 = horizontal(sy + 1, sy);
        int b1 = yAxis.weight1[dy];
        int b0 = ONE - b1;
        for (int x = 0; x < w; x++) {
            out[x] = (byte) Math.min(255, (h0[x] * b0 + h1[x] * b1 + (1 << 15)) >>> 16);
        }
    }

    /** The horizontally resized source row {@code sy}, computed unless a slot has it; keeps {@code keep}'s slot. */
    private int[] horizontal(int sy, int keep) {
        if (hrowSource[0] == sy) {
            return hrows[0];
        }
        if (hrowSource[1] == sy) {
            return hrows[1];
        }
        int slot = keep != -1 && hrowSource[0] == keep ? 1 : 0;
        int[] d = hrows[slot];
        hrowSource[slot] = sy;
        int base = sy * srcWidth;
        int[] offset = xAxis.offset;
        int[] weight1 = xAxis.weight1;
        int dx = 0;
        int first = (src[base] & 0xFF) << 8;
        for (; dx < xAxis.min; dx++) {
            d[dx] = first;
        }
        for (; dx < xAxis.max; dx++) {
            int sx = base + offset[dx];
            int a1 = weight1[dx];
            d[dx] = (src[sx] & 0xFF) * (ONE - a1) + (src[sx + 1] & 0xFF) * a1;
        }
        int last = (src[base + srcWidth - 1] & 0xFF) << 8;
        for (; dx < dstWidth; dx++) {
            d[dx] = last;
        }
        return d;
    }
}
