package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.DetectionsFile;
import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.RectList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HaarCascadeDetectorTest {
    private static final Path FACES = Path.of(System.getProperty("fer.shared", "../../shared"), "data", "faces");

    @Test
    void emptyTinyAndSmallerThanWindowImagesHaveNoFaces() {
        HaarCascadeDetector d = new HaarCascadeDetector(Cascade.frontalFace(), new DetectionParams(1.1, 3, 0, 0), 2);
        assertEquals(List.of(), d.detect(new GrayImage(0, 0, new byte[0])));
        assertEquals(List.of(), d.detect(new GrayImage(1, 1, new byte[1])));
        assertEquals(List.of(), d.detect(new GrayImage(23, 40, new byte[23 * 40])));
        assertEquals(List.of(), d.detect(new GrayImage(1, 500, new byte[500])));
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(1.0, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(Double.NaN, 3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DetectionParams(1.1, -1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new HaarCascadeDetector(Cascade.frontalFace(), DetectionParams.DEFAULT, 0));
    }

    /** 8000 x 8000 pixels: scanned in bands, so memory stays bounded (surefire runs with -Xmx6g). */
    @Test
    void hugeImageWorksInBands() {
        int n = 8000;
        byte[] px = new byte[n * n];
        Random rnd = new Random(1);
        for (int i = 0; i < px.length; i += 4099) {
            px[i] = (byte) rnd.nextInt(256); // mostly flat: windows are rejected by the variance check
        }
        HaarCascadeDetector d = new HaarCascadeDetector(Cascade.frontalFace(), new DetectionParams(1.3, 3, 200, 0), 2);
        List<FaceBox> faces = d.detect(new GrayImage(n, n, px));
        for (FaceBox f : faces) {
            assertTrue(f.x() >= 0 && f.y() >= 0 && f.x() + f.width() <= n && f.y() + f.height() <= n);
        }
    }

    /** Bands and threads change nothing: one thread, many threads and many callers agree. */
    @Test
    void threadsAndConcurrentCallersGiveTheSameBoxes() throws Exception {
        assumeTrue(Files.isDirectory(FACES), "shared face photos not found at " + FACES);
        List<GrayImage> images = new ArrayList<>();
        for (String name : List.of("images/1004109301.jpg", "images/2201628776.jpg", "images/120563545.jpg",
                "images/1051618982.jpg")) {
            images.add(GrayImage.of(ImageIO.read(FACES.resolve(name).toFile())));
        }
        DetectionParams p = new DetectionParams(1.2, 0, 30, 0);
        HaarCascadeDetector single = new HaarCascadeDetector(Cascade.frontalFace(), p, 1);
        HaarCascadeDetector multi = new HaarCascadeDetector(Cascade.frontalFace(), p, 4);
        List<String> expected = new ArrayList<>();
        int raw = 0;
        for (GrayImage g : images) {
            expected.add(key(single.detect(g)));
            assertEquals(expected.getLast(), key(multi.detect(g)));
            RectList r = new RectList();
            single.detectRaw(g, r);
            raw += r.size();
        }
        assertTrue(raw > 20, "raw windows to compare: " + raw);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                GrayImage g = images.get(k % images.size());
                futures.add(pool.submit(() -> key(multi.detect(g))));
            }
            for (int k = 0; k < futures.size(); k++) {
                assertEquals(expected.get(k % images.size()), futures.get(k).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void findsTheFaceInAPortraitAndNoneInNoise() throws Exception {
        assumeTrue(Files.isDirectory(FACES), "shared face photos not found at " + FACES);
        GrayImage g = GrayImage.of(ImageIO.read(FACES.resolve("images/120563545.jpg").toFile()));
        List<FaceBox> faces = HaarCascadeDetector.frontalFace().detect(g);
        assertFalse(faces.isEmpty());
        byte[] noise = new byte[g.pixels().length];
        new Random(3).nextBytes(noise);
        assertEquals(List.of(), HaarCascadeDetector.frontalFace().detect(new GrayImage(g.width(), g.height(), noise)));
    }

    private static String key(List<FaceBox> boxes) {
        List<String> s = new ArrayList<>(DetectionsFile.boxes(boxes).stream().map(Arrays::toString).toList());
        s.sort(null);
        return s.toString();
    }
}
