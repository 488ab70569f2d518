package dev.fer.detector;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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
        return of(image, null);
    }

    /**
     * As {@link #of(BufferedImage)}, writing into {@code reuse} when it has exactly the right size,
     * so a video loop converts frame after frame without allocating.
     */
    public static GrayImage of(BufferedImage image, byte[] reuse) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = reuse != null && reuse.length == w * h ? reuse : new byte[w * h];
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            image.getRaster().getDataElements(0, 0, w, h, out);
        } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getParent() == null) {
            // Camera and video frames: read the interleaved B,G,R bytes directly (getRGB is several
            // times slower, one colour-model call per pixel).
            byte[] bgr = buffer.getData();
            for (int i = 0, p = 0; i < out.length; i++, p += 3) {
                out[i] = toGray(bgr[p + 2] & 0xFF, bgr[p + 1] & 0xFF, bgr[p] & 0xFF);
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                int base = y * w;
                for (int x = 0; x < w; x++) {
                    int rgb = row[x];
                    out[base + x] = toGray((rgb >>> 16) & 0xFF, (rgb >>> 8) & 0xFF, rgb & 0xFF);
                }
            }
        }
        return new GrayImage(w, h, out);
    }

    private static byte toGray(int r, int g, int b) {
        return (byte) ((9798 * r + 19235 * g + 3735 * b + 16384) >> 15);
    }
}
