package dev.fer.detector;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An 8-bit luminance plane, row-major, {@code width * height} bytes (read them as unsigned).
 *
 * @param width  pixels per row
 * @param height rows
 * @param pixels luminance, {@code pixels[y * width + x] & 0xFF}
 */
public record GrayImage(int width, int height, byte[] pixels) {
    public GrayImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 0 || height < 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " image needs " + ((long) width * height) + " bytes, got " + pixels.length);
        }
    }

    public int get(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /**
     * Converts any {@link BufferedImage} to gray exactly as OpenCV's {@code cvtColor(BGR2GRAY)} does
     * on 8-bit pixels: {@code (9798 R + 19235 G + 3735 B + 16384) >> 15}. With {@code ImageIO.read}
     * this reproduces OpenCV's gray images bit for bit, so detections can be compared with OpenCV's.
     */
    public static GrayImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            image.getRaster().getDataElements(0, 0, w, h, out);
            return new GrayImage(w, h, out);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int r = (rgb >>> 16) & 0xFF;
                int g = (rgb >>> 8) & 0xFF;
                int b = rgb & 0xFF;
                out[base + x] = (byte) ((9798 * r + 19235 * g + 3735 * b + 16384) >> 15);
            }
        }
        return new GrayImage(w, h, out);
    }
}
