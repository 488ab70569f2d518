package dev.fer.detector;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A photo scaled to a camera's frame size, for benchmarks and profilers that time the detectors
 * on the same pixels: bilinear Java2D scaling into an image of the given type (3-byte BGR is what
 * cameras and ImageIO give).
 */
public final class ScaledPhoto {
    private ScaledPhoto() {}

    /** The photo at {@code path} scaled to exactly {@code width x height} as a {@code imageType} image. */
    public static BufferedImage read(Path path, int width, int height, int imageType) throws IOException {
        BufferedImage src = ImageIO.read(path.toFile());
        if (src == null) {
            throw new IOException("not a readable image: " + path);
        }
        BufferedImage dst = new BufferedImage(width, height, imageType);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return dst;
    }
}
