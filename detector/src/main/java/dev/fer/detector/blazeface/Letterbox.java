package dev.fer.detector.blazeface;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Fits an image into the square model input the way MediaPipe's {@code ImageToTensorCalculator}
 * does with {@code keep_aspect_ratio: true}: scaled to fit, centred, the rest filled with black
 * ({@code BORDER_ZERO}), RGB mapped to [-1, 1]. Where MediaPipe samples bilinearly, this averages
 * each output pixel's whole source area, so large photos do not alias.
 *
 * <p>Not thread-safe: one instance per thread; it reuses its buffers, so filling allocates nothing.
 */
final class Letterbox {
    private final int size;
    private final int[] colStart;
    private final int[] colEnd;
    private final boolean vectorSums;
    /** Per source column and colour band, the sum over the source rows of the current tensor row. */
    private int[] columnSums = new int[0];
    private int[] row = new int[0];
    /** Indexed by the width in source columns of a tensor pixel: what turns its sum into [-1, 1]. */
    private float[] meanFactor = new float[0];
    private float scale;
    private float offsetX;
    private float offsetY;
    /**
     * Where the pixel bytes of a 3-byte BGR image are, so rows can be read directly (decoded JPEGs
     * and webcam frames; getRGB is several times slower); {@code bytes} is null for other images.
     * Looked up once per image: the sample model's getters copy arrays.
     */
    private byte[] bytes;
    private int bytesOffset;
    private int scanline;
    /** Ints per source column in {@link #columnSums} (red, green and blue at the offsets above). */
    private static final int BANDS = 3;
    private int redOffset;
    private int greenOffset;
    private int blueOffset;

    Letterbox(int size) {
        this(size, ColumnSums.VECTOR_API);
    }

    /** @param vectorSums whether to sum the frame's bytes on the Vector API (tests compare both) */
    Letterbox(int size, boolean vectorSums) {
        this.size = size;
        this.vectorSums = vectorSums;
        this.colStart = new int[size];
        this.colEnd = new int[size];
    }

    /** Image x of a tensor x given relative to the tensor width (0..1). */
    float imageX(float relative) {
        return (relative * size - offsetX) / scale;
    }

    float imageY(float relative) {
        return (relative * size - offsetY) / scale;
    }

    /**
     * Writes the letterboxed image into {@code tensor} ({@code size x size x 3}, NHWC). For each
     * tensor row: its source rows summed column by column (one pass over the bytes, see
     * {@link ColumnSums}), those sums turned into running sums along the row, and each tensor pixel
     * its window's total as the difference of two running sums. All sums are exact integers.
     */
    void fill(BufferedImage image, float[] tensor) {
        int w = image.getWidth();
        int h = image.getHeight();
        scale = (float) size / Math.max(w, h);
        offsetX = (size - w * scale) / 2f;
        offsetY = (size - h * scale) / 2f;
        java.util.Arrays.fill(tensor, 0, size * size * 3, -1f);
        locatePixels(image);
        int firstCol = size;
        int lastCol = 0;
        int widest = 0;
        for (int tx = 0; tx < size; tx++) {
            colStart[tx] = sourceStart(tx, offsetX, w);
            if (colStart[tx] >= 0) {
                colEnd[tx] = sourceEnd(tx, offsetX, w, colStart[tx]);
                firstCol = Math.min(firstCol, tx);
                lastCol = tx + 1;
                widest = Math.max(widest, colEnd[tx] - colStart[tx]);
            }
        }
        if (meanFactor.length <= widest) {
            meanFactor = new float[widest + 1];
        }
        // sums of source column x at (x + 1) * BANDS + band; the slot before the first is 0
        int from = firstCol < lastCol ? colStart[firstCol] * BANDS : 0;
        int to = firstCol < lastCol ? colEnd[lastCol - 1] * BANDS : 0;
        if (columnSums.length < to + BANDS) {
            columnSums = new int[to + BANDS];
        }
        for (int ty = 0; ty < size && firstCol < lastCol; ty++) {
            int y0 = sourceStart(ty, offsetY, h);
            if (y0 < 0) {
                continue; // a border row
            }
            int y1 = sourceEnd(ty, offsetY, h, y0);
            java.util.Arrays.fill(columnSums, from, to + BANDS, 0);
            for (int sy = y0; sy < y1; sy++) {
                addRow(image, sy, from, to);
            }
            runningSums(from + BANDS, to + BANDS);
            int rows = y1 - y0;
            for (int cols = 1; cols <= widest; cols++) {
                // mean of 0..255 to [-1, 1]: sum * 2 / (255 * pixels) - 1; one division per width, not per pixel
                meanFactor[cols] = 2f / (255f * rows * cols);
            }
            for (int tx = firstCol; tx < lastCol; tx++) {
                int start = colStart[tx] * BANDS;
                int end = colEnd[tx] * BANDS;
                float k = meanFactor[colEnd[tx] - colStart[tx]];
                int t = (ty * size + tx) * 3;
                tensor[t] = (columnSums[end + redOffset] - columnSums[start + redOffset]) * k - 1f;
                tensor[t + 1] = (columnSums[end + greenOffset] - columnSums[start + greenOffset]) * k - 1f;
                tensor[t + 2] = (columnSums[end + blueOffset] - columnSums[start + blueOffset]) * k - 1f;
            }
        }
        bytes = null; // do not keep the frame's pixels alive between calls
    }

    /** Column sums [from, to) to running sums along the row, the three bands at once. */
    private void runningSums(int from, int to) {
        int[] sums = columnSums;
        int a = 0;
        int b = 0;
        int c = 0;
        for (int i = from; i < to; i += 3) {
            a += sums[i];
            b += sums[i + 1];
            c += sums[i + 2];
            sums[i] = a;
            sums[i + 1] = b;
            sums[i + 2] = c;
        }
    }

    /** First source pixel under tensor pixel {@code t}, or -1 when its centre is on the border. */
    private int sourceStart(int t, float offset, int extent) {
        float centre = (t + 0.5f - offset) / scale;
        if (centre < 0 || centre >= extent) {
            return -1;
        }
        return Math.clamp((int) Math.floor((t - offset) / scale), 0, extent - 1);
    }

    /** One past the last source pixel under tensor pixel {@code t}; at least one pixel. */
    private int sourceEnd(int t, float offset, int extent, int start) {
        int end = Math.min((int) Math.ceil((t + 1 - offset) / scale), extent);
        return Math.max(end, start + 1);
    }

    /** Finds the pixel bytes and sets the column-sum layout: the image's own bytes, or RGB from getRGB. */
    private void locatePixels(BufferedImage image) {
        bytes = null;
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getParent() == null
                && raster.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == BANDS
                && raster.getDataBuffer() instanceof DataBufferByte db) {
            int[] bands = sm.getBandOffsets();
            bytes = db.getData();
            bytesOffset = db.getOffset();
            scanline = sm.getScanlineStride();
            redOffset = bands[0];
            greenOffset = bands[1];
            blueOffset = bands[2];
        } else {
            redOffset = 0;
            greenOffset = 1;
            blueOffset = 2;
        }
    }

    /**
     * Adds source row {@code y}, its samples [from, to) in the sum layout (x * BANDS + band),
     * to the column sums, which sit one pixel further on.
     */
    private void addRow(BufferedImage image, int y, int from, int to) {
        int[] sums = columnSums;
        if (bytes != null) {
            ColumnSums.add(bytes, bytesOffset + y * scanline - BANDS, sums, from + BANDS,
                    to + BANDS, vectorSums);
            return;
        }
        int w = image.getWidth();
        if (row.length < w) {
            row = new int[w];
        }
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = from / 3; x < to / 3; x++) {
            int rgb = row[x];
            int p = 3 * (x + 1);
            sums[p] += (rgb >>> 16) & 0xFF;
            sums[p + 1] += (rgb >>> 8) & 0xFF;
            sums[p + 2] += rgb & 0xFF;
        }
    }
}
