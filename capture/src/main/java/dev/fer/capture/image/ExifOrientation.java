package dev.fer.capture.image;

import dev.fer.capture.support.BgrImages;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation of a JPEG (how a camera held sideways marks its picture) and turning the
 * pixels upright. ImageIO ignores the tag; OpenCV's {@code imread} and photo viewers apply it, and a
 * face lying on its side is not found by a frontal detector.
 */
final class ExifOrientation {
    /** EXIF/TIFF tag number of the orientation. */
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int APP1 = 0xFFE1;
    private static final int START_OF_SCAN = 0xFFDA;
    private static final int END_OF_IMAGE = 0xFFD9;

    private ExifOrientation() {}

    /**
     * The orientation (1 = upright ... 8) of a JPEG file, or 1 when it has none or its header
     * cannot be read. Reads the marker segments before the image data itself rather than ImageIO's
     * metadata, which refuses files whose Exif block comes before the JFIF one.
     */
    static int of(Path jpeg) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(jpeg)))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                    return 1;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                if (marker == APP1) {
                    byte[] data = new byte[length];
                    in.readFully(data);
                    int orientation = fromExif(data);
                    if (orientation != 0) {
                        return orientation;
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
        } catch (IOException e) {
            return 1; // a damaged header shows up when the pixels are decoded
        }
    }

    /** Reads tag 0x0112 from IFD0 of an APP1 "Exif" block; 0 when it is not there or malformed. */
    static int fromExif(byte[] app1) {
        if (app1.length < 14 || app1[0] != 'E' || app1[1] != 'x' || app1[2] != 'i' || app1[3] != 'f') {
            return 0;
        }
        int tiff = 6;
        boolean little = app1[tiff] == 'I' && app1[tiff + 1] == 'I';
        if (!little && !(app1[tiff] == 'M' && app1[tiff + 1] == 'M')) {
            return 0;
        }
        long ifd = tiff + unsigned(app1, tiff + 4, 4, little);
        if (ifd + 2 > app1.length) {
            return 0;
        }
        int entries = (int) unsigned(app1, (int) ifd, 2, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > app1.length) {
                return 0;
            }
            if (unsigned(app1, entry, 2, little) == ORIENTATION_TAG) {
                int value = (int) unsigned(app1, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static long unsigned(byte[] data, int at, int bytes, boolean little) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int b = data[at + (little ? bytes - 1 - i : i)] & 0xFF;
            value = (value << 8) | b;
        }
        return value;
    }

    /**
     * The image turned upright for EXIF {@code orientation}: 2 mirrored, 3 upside down, 4 flipped,
     * 5 transposed, 6 turned 90 degrees counter-clockwise (shown turned clockwise), 7 transversed,
     * 8 turned clockwise (shown turned counter-clockwise).
     */
    static BufferedImage upright(BufferedImage bgr, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return bgr;
        }
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = BgrImages.bytes(bgr);
        byte[] dst = BgrImages.bytes(out);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                // (sx, sy): the stored pixel shown at (x, y)
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int s = (sy * w + sx) * 3;
                int d = (y * ow + x) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return out;
    }
}
