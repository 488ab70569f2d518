package dev.fer.app.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared face photos (never copied into the repository); tests are skipped without them. */
public final class TestData {
    private TestData() {}

    /** Two near-frontal faces, 640x426. */
    public static final String TWO_FACES = "images/9545523490.jpg";
    /** One face, 640x480: a webcam-sized frame. */
    public static final String ONE_FACE_640x480 = "images/2844520516.jpg";

    public static Path faces() {
        Path dir = Path.of(System.getProperty("fer.shared", "../shared")).resolve("data/faces");
        assumeTrue(Files.isDirectory(dir.resolve("images")), "no face photos at " + dir);
        return dir;
    }

    public static Path face(String relative) {
        return faces().resolve(relative);
    }

    /** Where tests leave pictures for a person to look at. */
    public static Path outputDir() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "test-output"));
    }
}
