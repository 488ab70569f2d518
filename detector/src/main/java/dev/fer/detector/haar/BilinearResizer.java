package dev.fer.detector.haar;

/**
 * Shrinks an 8-bit image one output row at a time, bit for bit as OpenCV's
 * {@code cv::resize(..., INTER_LINEAR)} does for {@code CV_8U}: 11-bit fixed-point weights from
 * float coordinates, a horizontal pass into ints, and the vertical pass of OpenCV's
 * {@code VResizeLinear<uchar>} ({@code ((b0*(S0>>4))>>16) + ((b1*(S1>>4))>>16) + 2) >> 2}). An
 * output the size of the input is a copy and an exact half in both directions is OpenCV's 2x2 area
 * average, as in {@code cv::resize}. Rows come out in any order; the two horizontally resized
 * source rows last used are kept, so a top-to-bottom walk resizes every source row once.
 *
 * <p>One instance per thread; {@link #configure} reuses its tables.
 */
final class BilinearResizer {
    private static final int COEF_BITS = 11;
    private static final int COEF_SCALE = 1 << COEF_BITS;

    private enum Mode { COPY, HALF_AREA, LINEAR }

    private byte[] src;
    private int srcWidth;
    private int srcHeight;
    private int dstWidth;
    private Mode mode;

    private int[] xofs = new int[0];
    private int[] alpha = new int[0];
    private int xmax;
    private int[] yofs = new int[0];
    private int[] beta = new int[0];

    /** Horizontally resized source rows: two slots, each remembering which source row it holds. */
    private int[][] hrows = {new int[0], new int[0]};
    private final int[] hrowSource = {-1, -1};

    void configure(byte[] pixels, int width, int height, int dstWidth, int dstHeight) {
        this.src = pixels;
        this.srcWidth = width;
        this.srcHeight = height;
        this.dstWidth = dstWidth;
        hrowSource[0] = hrowSource[1] = -1;
        if (dstWidth == width && dstHeight == height) {
            mode = Mode.COPY;
            return;
        }
        if (width == 2 * dstWidth && height == 2 * dstHeight) {
            mode = Mode.HALF_AREA;
            return;
        }
        mode = Mode.LINEAR;
        double scaleX = 1.0 / ((double) dstWidth / width);
        double scaleY = 1.0 / ((double) dstHeight / height);
        if (xofs.length < dstWidth) {
            xofs = new int[dstWidth];
            alpha = new int[2 * dstWidth];
        }
        if (yofs.length < dstHeight) {
            yofs = new int[dstHeight];
            beta = new int[2 * dstHeight];
        }
        if (hrows[0].length < dstWidth) {
            hrows = new int[][] {new int[dstWidth], new int[dstWidth]};
        }
        xmax = dstWidth;
        for (int dx = 0; dx < dstWidth; dx++) {
            float fx = (float) ((dx + 0.5) * scaleX - 0.5);
            int sx = (int) Math.floor(fx);
            fx -= sx;
            if (sx < 0) {
                fx = 0;
                sx = 0;
            }
            if (sx + 1 >= width) {
                xmax = Math.min(xmax, dx);
                if (sx >= width - 1) {
                    fx = 0;
                    sx = width - 1;
                }
            }
            xofs[dx] = sx;
            alpha[2 * dx] = fixedPoint(1.f - fx);
            alpha[2 * dx + 1] = fixedPoint(fx);
        }
        for (int dy = 0; dy < dstHeight; dy++) {
            float fy = (float) ((dy + 0.5) * scaleY - 0.5);
            int sy = (int) Math.floor(fy);
            fy -= sy;
            yofs[dy] = sy;
            beta[2 * dy] = fixedPoint(1.f - fy);
            beta[2 * dy + 1] = fixedPoint(fy);
        }
    }

    /** {@code saturate_cast<short>(w * INTER_RESIZE_COEF_SCALE)}: round half to even, in float. */
    private static int fixedPoint(float w) {
        float v = w * COEF_SCALE;
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.rint(v)));
    }

    /** Writes output row {@code dy} ({@code dstWidth} pixels) into {@code out}. */
    void row(int dy, byte[] out) {
        switch (mode) {
            case COPY -> System.arraycopy(src, dy * srcWidth, out, 0, srcWidth);
            case HALF_AREA -> halfAreaRow(dy, out);
            case LINEAR -> linearRow(dy, out);
        }
    }

    private void halfAreaRow(int dy, byte[] out) {
        int r0 = 2 * dy * srcWidth;
        int r1 = r0 + srcWidth;
        for (int dx = 0, sx = 0; dx < dstWidth; dx++, sx += 2) {
            int sum = (src[r0 + sx] & 0xFF) + (src[r0 + sx + 1] & 0xFF) + (src[r1 + sx] & 0xFF) + (src[r1 + sx + 1] & 0xFF);
            out[dx] = (byte) ((sum + 2) >> 2);
        }
    }

    private void linearRow(int dy, byte[] out) {
        int sy0 = clampRow(yofs[dy]);
        int sy1 = clampRow(yofs[dy] + 1);
        int[] s0 = horizontal(sy0, sy1);
        int[] s1 = horizontal(sy1, sy0);
        int b0 = beta[2 * dy];
        int b1 = beta[2 * dy + 1];
        for (int x = 0; x < dstWidth; x++) {
            out[x] = (byte) ((((b0 * (s0[x] >> 4)) >> 16) + ((b1 * (s1[x] >> 4)) >> 16) + 2) >> 2);
        }
    }

    private int clampRow(int sy) {
        return sy < 0 ? 0 : Math.min(sy, srcHeight - 1);
    }

    /** The horizontally resized source row {@code sy}, computed unless a slot has it; keeps {@code keep}'s slot. */
    private int[] horizontal(int sy, int keep) {
        if (hrowSource[0] == sy) {
            return hrows[0];
        }
        if (hrowSource[1] == sy) {
            return hrows[1];
        }
        int slot = hrowSource[0] == keep && keep != -1 ? 1 : 0;
        int[] d = hrows[slot];
        hrowSource[slot] = sy;
        int base = sy * srcWidth;
        int dx = 0;
        for (; dx < xmax; dx++) {
            int sx = base + xofs[dx];
            d[dx] = (src[sx] & 0xFF) * alpha[2 * dx] + (src[sx + 1] & 0xFF) * alpha[2 * dx + 1];
        }
        for (; dx < dstWidth; dx++) {
            d[dx] = (src[base + xofs[dx]] & 0xFF) * COEF_SCALE;
        }
        return d;
    }
}
