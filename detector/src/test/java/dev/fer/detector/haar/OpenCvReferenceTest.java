package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.DetectionsFile;
import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detector against OpenCV 4.6's own {@code detectMultiScale} on the 210 shared photographs
 * ({@code shared/data/faces/opencv-ref-*.json}): at least 98% of OpenCV's boxes matched at IoU
 * 0.9 and fewer than 2% extra boxes, for scaleFactor 1.1 and 1.3 (minNeighbors 5, minSize 30).
 */
class OpenCvReferenceTest {
    private static Path faces;
    private static List<String> keys;
    private static List<GrayImage> images;

    @BeforeAll
    static void loadImages() throws Exception {
        faces = Path.of(System.getProperty("fer.shared", "../../shared"), "data", "faces");
        assumeTrue(Files.isDirectory(faces), "shared face photos not found at " + faces);
        DetectionsFile ref = DetectionsFile.read(faces.resolve("opencv-ref-s1.1-n5-m30.json"));
        keys = new ArrayList<>(ref.detections().keySet());
        images = parallel(keys, k -> GrayImage.of(ImageIO.read(faces.resolve(k).toFile())));
    }

    @Test
    void matchesOpenCvAtScaleFactor11() throws Exception {
        check("opencv-ref-s1.1-n5-m30.json", new DetectionParams(1.1, 5, 30, 0));
    }

    @Test
    void matchesOpenCvAtScaleFactor13() throws Exception {
        check("opencv-ref-s1.3-n5-m30.json", new DetectionParams(1.3, 5, 30, 0));
    }

    private static void check(String referenceFile, DetectionParams params) throws Exception {
        Map<String, List<int[]>> ref = DetectionsFile.read(faces.resolve(referenceFile)).detections();
        HaarCascadeDetector detector = new HaarCascadeDetector(Cascade.frontalFace(), params, 1);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            indices.add(i);
        }
        List<List<FaceBox>> found = parallel(indices, i -> detector.detect(images.get(i)));
        BoxMatching.Summary s = new BoxMatching.Summary();
        for (int i = 0; i < keys.size(); i++) {
            s.add(keys.get(i), ref.get(keys.get(i)), DetectionsFile.boxes(found.get(i)));
        }
        System.out.println(referenceFile + ": " + s);
        assertEquals(ref.size(), keys.size());
        assertTrue(s.strictMatched() >= 0.98 * s.referenceBoxes(), s.toString());
        assertTrue(s.extra() < 0.02 * s.referenceBoxes(), s.toString());
    }

    interface Task<T, R> {
        R apply(T t) throws Exception;
    }

    /** Runs a task per item on every core (the detectors are single-threaded), keeping order. */
    static <T, R> List<R> parallel(List<T> items, Task<T, R> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
