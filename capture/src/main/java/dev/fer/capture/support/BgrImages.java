package dev.fer.capture.support;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Conversions to the one image type frames carry, {@link BufferedImage#TYPE_3BYTE_BGR}. */
public final class BgrImages {
    private BgrImages() {}

    /** The image itself when it is already {@code TYPE_3BYTE_BGR}, else a converted copy. */
    public static BufferedImage toBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        return drawn(image, image.getWidth(), image.getHeight());
    }

    /** A new {@code TYPE_3BYTE_BGR} copy (frames are owned by their receiver, so repeats are copies). */
    public static BufferedImage copy(BufferedImage image) {
        return drawn(image, image.getWidth(), image.getHeight());
    }

    /** A {@code TYPE_3BYTE_BGR} copy scaled to {@code width x height} (bilinear), or the image if it has that size. */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height) {
            return toBgr(image);
        }
        return drawn(image, width, height);
    }

    private static BufferedImage drawn(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
