package dev.fer.trainer.data;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small generated image files for loader tests. */
final class DataFixtures {
    private DataFixtures() {}

    /** A {@code w x h} image of type {@code type} filled with one gray level (as RGB or gray). */
    static void writeImage(Path file, int w, int h, int type, int gray, String format) throws IOException {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(gray, gray, gray));
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
    }

    static void writeBytes(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** A real, busy JPEG cut to {@code fraction} of its length: a valid header, data that ends early. */
    static void writeTruncatedJpeg(Path file, double fraction) throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        Path whole = file.resolveSibling(file.getFileName() + ".whole");
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "jpg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Files.delete(whole);
        byte[] half = new byte[(int) (bytes.length * fraction)];
        System.arraycopy(bytes, 0, half, 0, half.length);
        writeBytes(file, half);
    }
}
