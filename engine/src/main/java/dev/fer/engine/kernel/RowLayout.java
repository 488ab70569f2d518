package dev.fer.engine.kernel;

/**
 * The left matrix A of a GEMM, read in place: row m is a set of {@code segCount} contiguous runs of
 * {@code segLen} floats, {@code segStride} apart, starting at {@link #offset(int)}. Row offsets
 * follow an image grid (image, y, x) so that a convolution reads its patch rows straight from the
 * padded NHWC input (one run per kernel row: KW pixels x all channels are contiguous), and a plain
 * row-major matrix is the special case of one run per row.
 *
 * <p>Mutable on purpose: layers keep one instance per GEMM and re-target it every call (no
 * allocation in the hot path).
 */
public final class RowLayout {
    public float[] a;
    public int base;
    /** Rows per grid line (output width) and per image (output height x width). */
    public int gridWidth = 1;
    public int rowsPerImage = 1;
    public int xStride;
    public int yStride;
    public int imageStride;
    public int segCount = 1;
    public int segStride;
    public int segLen;

    /** A plain row-major matrix: row m starts at {@code base + m * ld}, {@code cols} floats. */
    public RowLayout matrix(float[] a, int base, int ld, int cols) {
        this.a = a;
        this.base = base;
        this.gridWidth = Integer.MAX_VALUE;
        this.rowsPerImage = Integer.MAX_VALUE;
        this.xStride = ld;
        this.yStride = 0;
        this.imageStride = 0;
        this.segCount = 1;
        this.segStride = 0;
        this.segLen = cols;
        return this;
    }

    /**
     * Convolution patches: output pixel m = (image, oy, ox) of an {@code outH x outW} grid reads
     * {@code kh} runs of {@code kw * channels} floats from a padded NHWC input of
     * {@code paddedH x paddedW x channels} with the given stride.
     */
    public RowLayout patches(float[] x, int paddedH, int paddedW, int channels, int kh, int kw, int stride,
                             int outH, int outW) {
        this.a = x;
        this.base = 0;
        this.gridWidth = outW;
        this.rowsPerImage = outH * outW;
        this.xStride = stride * channels;
        this.yStride = stride * paddedW * channels;
        this.imageStride = paddedH * paddedW * channels;
        this.segCount = kh;
        this.segStride = paddedW * channels;
        this.segLen = kw * channels;
        return this;
    }

    /** Length of a row: the GEMM's inner dimension K. */
    public int depth() {
        return segCount * segLen;
    }

    /** Offset in {@link #a} of the first float of row m. */
    public int offset(int m) {
        int image = m / rowsPerImage;
        int r = m - image * rowsPerImage;
        int y = r / gridWidth;
        int x = r - y * gridWidth;
        return base + image * imageStride + y * yStride + x * xStride;
    }

    /**
     * The offsets of rows [m0, m0 + count) into {@code dst[0..count)}: {@link #offset(int)} for the
     * first, then steps along the grid, so a block of rows costs two divisions, not two per row.
     */
    public void offsets(int m0, int count, int[] dst) {
        if (count <= 0) {
            return;
        }
        int image = m0 / rowsPerImage;
        int r = m0 - image * rowsPerImage;
        int y = r / gridWidth;
        int x = r - y * gridWidth;
        int lineStart = base + image * imageStride + y * yStride;
        for (int i = 0; i < count; i++) {
            dst[i] = lineStart + x * xStride;
            if (++x == gridWidth) {
                x = 0;
                if (++y * gridWidth == rowsPerImage) {
                    y = 0;
                    image++;
                }
                lineStart = base + image * imageStride + y * yStride;
            }
        }
    }

    /** Element k of row m (slow; for packing edges and tests). */
    public float get(int m, int k) {
        int s = k / segLen;
        return a[offset(m) + s * segStride + (k - s * segLen)];
    }
}
