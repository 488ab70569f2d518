package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The shared face photos and helpers the capture tests share. */
final class TestData {
    private TestData() {}

    /** {@code ../shared/data/faces/images}, from system property {@code fer.shared} (set by surefire). */
    static Path faces() {
        String shared = System.getProperty("fer.shared");
        assertTrue(shared != null, "system property fer.shared is not set (surefire sets it to ../shared)");
        Path images = Path.of(shared, "data", "faces", "images");
        assertTrue(Files.isDirectory(images), "shared face photos missing: " + images);
        return images;
    }

    /** The first {@code n} face photos in name order. */
    static List<Path> facePhotos(int n) {
        try (Stream<Path> files = Files.list(faces())) {
            List<Path> photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(n).toList();
            assertEquals(n, photos.size(), "not enough face photos in " + faces());
            return photos;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            assertTrue(image != null, "ImageIO cannot read " + file);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what + ": width");
        assertEquals(expected.getHeight(), actual.getHeight(), what + ": height");
        assertArrayEquals(rgb(expected), rgb(actual), what + ": pixels");
    }

    /** Mean absolute difference per colour channel, 0..255. */
    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] x = rgb(a);
        int[] y = rgb(b);
        assertEquals(x.length, y.length, "sizes differ");
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((x[i] >>> shift) & 0xFF) - ((y[i] >>> shift) & 0xFF));
            }
        }
        return sum / (3.0 * x.length);
    }

    /** True when {@code ffmpeg -version} runs. */
    static boolean ffmpegInstalled() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs ffmpeg (quiet, overwriting) with {@code args}; fails the test with its message if it fails. */
    static void ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ffmpeg did not finish: " + command);
            assertEquals(0, p.exitValue(), "ffmpeg failed: " + command + "\n" + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
