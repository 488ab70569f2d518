package dev.fer.trainer.data;

import dev.fer.detector.GrayImage;
import dev.fer.trainer.model.EmotionClassifier;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Decoding image files of any size and colour type into the 48x48 gray faces the model reads. */
public final class FaceImages {
    private static final int SIZE = EmotionClassifier.FACE_SIZE;

    private FaceImages() {}

    /**
     * Reads a JPEG/PNG (anything ImageIO decodes) into a 48x48 gray face.
     *
     * @throws IOException naming the file when it is unreadable, not an image or corrupt
     */
    public static byte[] readFace(Path file) throws IOException {
        return toFace(GrayImage.of(decode(file)));
    }

    /**
     * Decodes an image strictly: a decoder warning (for example a JPEG that ends early, which
     * ImageIO would otherwise return half gray) counts as corruption.
     */
    static BufferedImage decode(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(file + ": not an image (no JPEG, PNG, BMP or GIF header)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException(file + ": corrupt image (" + warnings.getFirst() + ")");
                }
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new IOException(file + ": empty image");
                }
                return image;
            } catch (RuntimeException e) {
                // some decoders signal truncated data with runtime exceptions
                throw new IOException(file + ": corrupt image (" + e + ")", e);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new IOException(file + ": corrupt image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Center-crops a gray image to a square (faces are not stretched) and resizes it to 48x48:
     * area averaging when shrinking, bilinear when enlarging. A 48x48 input comes back unchanged.
     */
    public static byte[] toFace(GrayImage gray) {
        int side = Math.min(gray.width(), gray.height());
        int x0 = (gray.width() - side) / 2;
        int y0 = (gray.height() - side) / 2;
        return resizeSquare(gray, x0, y0, side, SIZE);
    }

    /** Resizes the square {@code side x side} region at (x0, y0) of {@code src} to {@code out x out}. */
    public static byte[] resizeSquare(GrayImage src, int x0, int y0, int side, int out) {
        byte[] dst = new byte[out * out];
        if (side == out) {
            for (int y = 0; y < out; y++) {
                System.arraycopy(src.pixels(), (y0 + y) * src.width() + x0, dst, y * out, out);
            }
        } else if (side > out) {
            areaAverage(src, x0, y0, side, out, dst);
        } else {
            bilinear(src, x0, y0, side, out, dst);
        }
        return dst;
    }

    /** Each output pixel is the exact coverage-weighted mean of the source pixels under it. */
    private static void areaAverage(GrayImage src, int x0, int y0, int side, int out, byte[] dst) {
        double scale = (double) side / out;
        for (int oy = 0; oy < out; oy++) {
            double sy0 = oy * scale;
            double sy1 = sy0 + scale;
            for (int ox = 0; ox < out; ox++) {
                double sx0 = ox * scale;
                double sx1 = sx0 + scale;
                double sum = 0;
                for (int sy = (int) sy0; sy < Math.min(side, Math.ceil(sy1)); sy++) {
                    double wy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
                    int row = (y0 + sy) * src.width() + x0;
                    for (int sx = (int) sx0; sx < Math.min(side, Math.ceil(sx1)); sx++) {
                        double wx = Math.min(sx + 1, sx1) - Math.max(sx, sx0);
                        sum += wx * wy * (src.pixels()[row + sx] & 0xFF);
                    }
                }
                dst[oy * out + ox] = (byte) Math.min(255, (int) Math.round(sum / (scale * scale)));
            }
        }
    }

    private static void bilinear(GrayImage src, int x0, int y0, int side, int out, byte[] dst) {
        double scale = (double) side / out;
        for (int oy = 0; oy < out; oy++) {
            double fy = Math.clamp((oy + 0.5) * scale - 0.5, 0, side - 1);
            int iy = (int) fy;
            int iy1 = Math.min(iy + 1, side - 1);
            double ty = fy - iy;
            for (int ox = 0; ox < out; ox++) {
                double fx = Math.clamp((ox + 0.5) * scale - 0.5, 0, side - 1);
                int ix = (int) fx;
                int ix1 = Math.min(ix + 1, side - 1);
                double tx = fx - ix;
                double top = (1 - tx) * src.get(x0 + ix, y0 + iy) + tx * src.get(x0 + ix1, y0 + iy);
                double bottom = (1 - tx) * src.get(x0 + ix, y0 + iy1) + tx * src.get(x0 + ix1, y0 + iy1);
                dst[oy * out + ox] = (byte) (int) Math.round((1 - ty) * top + ty * bottom);
            }
        }
    }
}
