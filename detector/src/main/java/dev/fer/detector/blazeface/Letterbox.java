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
    private final float[] sums;
    private int[] row = new int[0];
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
    private int pixelStride;
    private int redOffset;
    private int greenOffset;
    private int blueOffset;

    Letterbox(int size) {
        this.size = size;
        this.colStart = new int[size];
        this.colEnd = new int[size];
        this.sums = new float[size * 3];
    }

    /** Image x of a tensor x given relative to the tensor width (0..1). */
    float imageX(float relative) {
        return (relative * size - offsetX) / scale;
    }

    float imageY(float relative) {
        return (relative * size - offsetY) / scale;
    }

    /** Writes the letterboxed image into {@code tensor} ({@code size x size x 3}, NHWC). */
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
        for (int tx = 0; tx < size; tx++) {
            colStart[tx] = sourceStart(tx, offsetX, w);
            if (colStart[tx] >= 0) {
                colEnd[tx] = sourceEnd(tx, offsetX, w, colStart[tx]);
                firstCol = Math.min(firstCol, tx);
                lastCol = tx + 1;
            }
        }
        for (int ty = 0; ty < size; ty++) {
            int y0 = sourceStart(ty, offsetY, h);
            int y1 = sourceEnd(ty, offsetY, h, y0);
            if (y0 < 0) {
                continue; // a border row
            }
            java.util.Arrays.fill(sums, 0f);
            for (int sy = y0; sy < y1; sy++) {
                addRow(image, sy, firstCol, lastCol);
            }
            int rows = y1 - y0;
            for (int tx = firstCol; tx < lastCol; tx++) {
                // mean of 0..255 to [-1, 1]: v * 2/255 - 1
                float k = 2f / (255f * rows * (colEnd[tx] - colStart[tx]));
                int t = (ty * size + tx) * 3;
                tensor[t] = sums[tx * 3] * k - 1f;
                tensor[t + 1] = sums[tx * 3 + 1] * k - 1f;
                tensor[t + 2] = sums[tx * 3 + 2] * k - 1f;
            }
        }
        bytes = null; // do not keep the frame's pixels alive between calls
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

    private void locatePixels(BufferedImage image) {
        bytes = null;
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getParent() == null
                && raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getDataBuffer() instanceof DataBufferByte db) {
            int[] bands = sm.getBandOffsets();
            bytes = db.getData();
            bytesOffset = db.getOffset();
            scanline = sm.getScanlineStride();
            pixelStride = sm.getPixelStride();
            redOffset = bands[0];
            greenOffset = bands[1];
            blueOffset = bands[2];
        }
    }

    private void addRow(BufferedImage image, int y, int firstCol, int lastCol) {
        if (bytes != null) {
            byte[] data = bytes;
            int ps = pixelStride;
            int base = bytesOffset + y * scanline;
            for (int tx = firstCol; tx < lastCol; tx++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int x = colStart[tx], p = base + x * ps; x < colEnd[tx]; x++, p += ps) {
                    r += data[p + redOffset] & 0xFF;
                    g += data[p + greenOffset] & 0xFF;
                    b += data[p + blueOffset] & 0xFF;
                }
                sums[tx * 3] += r;
                sums[tx * 3 + 1] += g;
                sums[tx * 3 + 2] += b;
            }
            return;
        }
        int w = image.getWidth();
        if (row.length < w) {
            row = new int[w];
        }
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int tx = firstCol; tx < lastCol; tx++) {
            float r = 0;
            float g = 0;
            float b = 0;
            for (int x = colStart[tx]; x < colEnd[tx]; x++) {
                int rgb = row[x];
                r += (rgb >>> 16) & 0xFF;
                g += (rgb >>> 8) & 0xFF;
                b += rgb & 0xFF;
            }
            sums[tx * 3] += r;
            sums[tx * 3 + 1] += g;
            sums[tx * 3 + 2] += b;
        }
    }
}
