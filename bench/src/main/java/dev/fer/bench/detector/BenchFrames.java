package dev.fer.bench.detector;

import dev.fer.detector.GrayImage;
import dev.fer.detector.ScaledPhoto;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The frames the detector benchmark times: a real group photo from {@code shared/data/faces}
 * scaled to camera sizes (640x480, 1280x720), gray. {@link #main} writes them as PNG so that
 * OpenCV's {@code opencv_ref.py} can time the very same pixels.
 */
public final class BenchFrames {
    /** A photo with several faces of different sizes (AFW). */
    static final String PHOTO = "data/faces/images/1130084326.jpg";

    private BenchFrames() {}

    static Path shared() {
        return Path.of(System.getProperty("fer.shared", "../shared"));
    }

    /** The photo scaled (bilinear, Java2D) to exactly {@code width x height}, then gray as OpenCV converts. */
    static GrayImage frame(int width, int height) throws IOException {
        return GrayImage.of(ScaledPhoto.read(shared().resolve(PHOTO), width, height, BufferedImage.TYPE_INT_RGB));
    }

    /** Writes {@code frame-640x480.png} and {@code frame-1280x720.png} (gray) into the given folder. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/detector-frames");
        Files.createDirectories(dir);
        for (int[] size : new int[][] {{640, 480}, {1280, 720}}) {
            GrayImage f = frame(size[0], size[1]);
            BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, f.width(), f.height(), f.pixels());
            Path out = dir.resolve("frame-" + size[0] + "x" + size[1] + ".png");
            ImageIO.write(img, "png", out.toFile());
            System.out.println("wrote " + out);
        }
    }
}
