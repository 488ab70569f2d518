package dev.fer.engine.kernel;

import java.util.Arrays;

/** Memory-bound layout moves (padding, transposes); plain loops, the JIT vectorizes the copies. */
public final class Layouts {
    private Layouts() {}

    /**
     * Copies images [n0, n1) of x (NHWC, h x w x c) into dst of {@code ph x pw x c} per image,
     * zero border, image placed at (top, left) and sampled every {@code dilation} pixels:
     * x(y, x) lands at (top + y * dilation, left + x * dilation). Dilation 1 is plain padding;
     * dilation s places a stride-s gradient for the transposed convolution.
     */
    public static void pad(float[] x, int n0, int n1, int h, int w, int c, int top, int left, int dilation,
                           int ph, int pw, float[] dst) {
        int imageIn = h * w * c;
        int imageOut = ph * pw * c;
        int rows = h == 0 ? 0 : (h - 1) * dilation + 1;
        int cols = w == 0 ? 0 : (w - 1) * dilation + 1;
        for (int n = n0; n < n1; n++) {
            int o = n * imageOut;
            // zeros where no input lands: the border rows, the border columns of the rows between
            // (writing only those halves the memory traffic of the whole-image fill it replaces)
            Arrays.fill(dst, o, o + top * pw * c, 0f);
            Arrays.fill(dst, o + (top + rows) * pw * c, o + imageOut, 0f);
            for (int y = top; y < top + rows; y++) {
                int row = o + y * pw * c;
                Arrays.fill(dst, row, row + left * c, 0f);
                Arrays.fill(dst, row + (left + cols) * c, row + pw * c, 0f);
                if (dilation > 1 && (y - top) % dilation != 0) {
                    Arrays.fill(dst, row + left * c, row + (left + cols) * c, 0f);
                } else if (dilation > 1) {
                    for (int xx = 0; xx < cols - 1; xx += dilation) {
                        Arrays.fill(dst, row + (left + xx + 1) * c, row + (left + xx + dilation) * c, 0f);
                    }
                }
            }
            for (int y = 0; y < h; y++) {
                int src = n * imageIn + y * w * c;
                int rowOut = o + ((top + y * dilation) * pw + left) * c;
                if (dilation == 1) {
                    System.arraycopy(x, src, dst, rowOut, w * c);
                } else {
                    for (int xx = 0; xx < w; xx++) {
                        System.arraycopy(x, src + xx * c, dst, rowOut + xx * dilation * c, c);
                    }
                }
            }
        }
    }
}
