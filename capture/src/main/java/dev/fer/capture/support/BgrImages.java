package dev.fer.capture.support;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;

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
        return copyInto(image, blank(image.getWidth(), image.getHeight()));
    }

    /** A new, black {@code TYPE_3BYTE_BGR} image. */
    public static BufferedImage blank(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    }

    /**
     * Writes {@code image}'s pixels, converted, into {@code target} (a {@code TYPE_3BYTE_BGR}
     * image of the same size, e.g. a recycled frame) and returns {@code target}.
     */
    public static BufferedImage copyInto(BufferedImage image, BufferedImage target) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (target.getType() != BufferedImage.TYPE_3BYTE_BGR || target.getWidth() != w || target.getHeight() != h) {
            throw new IllegalArgumentException("target must be a " + w + "x" + h + " TYPE_3BYTE_BGR image");
        }
        byte[] dst = bytes(target);
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            System.arraycopy(bytes(image), 0, dst, 0, dst.length);
            return target;
        }
        if (copyInterleavedRgb(image, dst)) {
            return target;
        }
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
        return target;
    }

    /**
     * The fast path of {@link #copyInto} for 8-bit interleaved sRGB pixels in any channel order (what
     * webcam drivers deliver, e.g. sarxos's RGB {@code TYPE_CUSTOM} images): bytes are moved, not
     * converted pixel by pixel through the colour model. Returns false, writing nothing, for any
     * other layout; the general path then gives the same result.
     */
    private static boolean copyInterleavedRgb(BufferedImage image, byte[] dst) {
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel model)
                || model.getNumBands() != 3 || model.getPixelStride() != 3
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || !(image.getColorModel() instanceof ComponentColorModel colors) || colors.hasAlpha()
                || !colors.getColorSpace().isCS_sRGB() || !isEightBit(colors)) {
            return false;
        }
        int[] offsets = model.getBandOffsets(); // bands are R, G, B
        int[] banks = model.getBankIndices();
        if (banks[0] != 0 || banks[1] != 0 || banks[2] != 0) {
            return false;
        }
        byte[] src = buffer.getData();
        int base = buffer.getOffset();
        int stride = model.getScanlineStride();
        int w = image.getWidth();
        for (int y = 0, d = 0; y < image.getHeight(); y++) {
            for (int x = 0, s = base + y * stride; x < w; x++, s += 3, d += 3) {
                dst[d] = src[s + offsets[2]];
                dst[d + 1] = src[s + offsets[1]];
                dst[d + 2] = src[s + offsets[0]];
            }
        }
        return true;
    }

    private static boolean isEightBit(ComponentColorModel colors) {
        for (int bits : colors.getComponentSize()) {
            if (bits != 8) {
                return false;
            }
        }
        return true;
    }

    /** A new {@code TYPE_3BYTE_BGR} copy (frames are owned by their receiver, so repeats are copies). */
    public static BufferedImage copy(BufferedImage image) {
        return copyInto(image, blank(image.getWidth(), image.getHeight()));
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
        BufferedImage out = blank(width, height);
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

    /**
     * The image scaled to fit inside {@code width x height} with its aspect ratio kept, centred on
     * black (letterboxed): what a fixed-size camera shows of pictures of another shape, without
     * squeezing the faces in them.
     */
    public static BufferedImage fitted(BufferedImage image, int width, int height) {
        double scale = Math.min((double) width / image.getWidth(), (double) height / image.getHeight());
        int w = Math.clamp(Math.round(image.getWidth() * scale), 1, width);
        int h = Math.clamp(Math.round(image.getHeight() * scale), 1, height);
        BufferedImage inner = scaled(image, w, h);
        if (w == width && h == height) {
            return inner;
        }
        BufferedImage out = blank(width, height);
        byte[] src = bytes(inner);
        byte[] dst = bytes(out);
        int left = (width - w) / 2;
        int top = (height - h) / 2;
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, y * w * 3, dst, ((top + y) * width + left) * 3, w * 3);
        }
        return out;
    }
}
