package dev.fer.capture.support;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Conversions to the one image type frames carry, {@link BufferedImage#TYPE_3BYTE_BGR}. Done on the
 * pixel arrays, without {@code Graphics2D}: drawing needs an AWT graphics environment, which fails
 * where {@code java.awt.headless=false} meets a machine with no display, and capture must work
 * there (headless analysis, CI).
 */
public final class BgrImages {
    private BgrImages() {}

    /** The pixel bytes of a {@code TYPE_3BYTE_BGR} image: B, G, R per pixel, rows top down. */
    public static byte[] bytes(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    /** The image itself when it is already {@code TYPE_3BYTE_BGR}, else a converted copy. */
    public static BufferedImage toBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = bytes(out);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, i = y * w * 3; x < w; x++, i += 3) {
                int rgb = row[x];
                dst[i] = (byte) rgb;
                dst[i + 1] = (byte) (rgb >>> 8);
                dst[i + 2] = (byte) (rgb >>> 16);
            }
        }
        return out;
    }

    /** A new {@code TYPE_3BYTE_BGR} copy (frames are owned by their receiver, so repeats are copies). */
    public static BufferedImage copy(BufferedImage image) {
        BufferedImage bgr = toBgr(image);
        if (bgr != image) {
            return bgr;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = bytes(bgr);
        System.arraycopy(src, 0, bytes(out), 0, src.length);
        return out;
    }

    /**
     * A {@code TYPE_3BYTE_BGR} image scaled to {@code width x height} by bilinear interpolation
     * (pixel centres aligned, as OpenCV's {@code INTER_LINEAR}), or the image converted if it has
     * that size already.
     */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage bgr = toBgr(image);
        int sw = bgr.getWidth();
        int sh = bgr.getHeight();
        if (sw == width && sh == height) {
            return bgr;
        }
        byte[] src = bytes(bgr);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = bytes(out);
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            float sx = Math.clamp((x + 0.5f) * sw / width - 0.5f, 0, sw - 1);
            x0[x] = (int) sx;
            x1[x] = Math.min(x0[x] + 1, sw - 1);
            fx[x] = sx - x0[x];
        }
        for (int y = 0; y < height; y++) {
            float sy = Math.clamp((y + 0.5f) * sh / height - 0.5f, 0, sh - 1);
            int r0 = (int) sy * sw * 3;
            int r1 = Math.min((int) sy + 1, sh - 1) * sw * 3;
            float fy = sy - (int) sy;
            for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                int a = r0 + x0[x] * 3;
                int b = r0 + x1[x] * 3;
                int c = r1 + x0[x] * 3;
                int d = r1 + x1[x] * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float top = (src[a + ch] & 0xFF) + fx[x] * ((src[b + ch] & 0xFF) - (src[a + ch] & 0xFF));
                    float bottom = (src[c + ch] & 0xFF) + fx[x] * ((src[d + ch] & 0xFF) - (src[c + ch] & 0xFF));
                    dst[o + ch] = (byte) Math.round(top + fy * (bottom - top));
                }
            }
        }
        return out;
    }
}
