package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.detector.DetectionsFile;
import dev.fer.detector.GrayImage;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Other feature kinds against OpenCV 4.6 (boxes made by {@code detector/tools/opencv_cascade_ref.py}):
 * tilted Haar features, trees deeper than stumps, non-square windows and LBP, each raw (every
 * accepted window, no grouping) and grouped. Every box must be identical.
 */
class CascadeReferenceTest {
    @Test
    void sameBoxesAsOpenCvForTiltedTreeAndLbpCascades() throws Exception {
        Path faces = Path.of(System.getProperty("fer.shared", "../../shared"), "data", "faces");
        assumeTrue(Files.isDirectory(faces), "shared face photos not found at " + faces);
        JsonObject ref;
        try (Reader r = new InputStreamReader(getClass().getResourceAsStream("opencv-cascades-ref.json"), StandardCharsets.UTF_8)) {
            ref = JsonParser.parseReader(r).getAsJsonObject();
        }
        Map<String, GrayImage> images = new HashMap<>();
        Map<String, Cascade> cascades = new HashMap<>();
        int cases = 0;
        int rawBoxes = 0;
        List<String> failures = new ArrayList<>();
        for (JsonElement e : ref.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String image = c.get("image").getAsString();
            GrayImage gray = images.computeIfAbsent(image, k -> read(faces.resolve(k)));
            Cascade cascade = cascades.computeIfAbsent(c.get("cascade").getAsString(), Cascade::bundled);
            DetectionParams params = new DetectionParams(c.get("scaleFactor").getAsDouble(),
                    c.get("minNeighbors").getAsInt(), c.get("minSize").getAsInt(), 0);
            List<int[]> ours = DetectionsFile.boxes(new HaarCascadeDetector(cascade, params, 2).detect(gray));
            List<String> expected = new ArrayList<>();
            for (JsonElement b : c.getAsJsonArray("boxes")) {
                expected.add(b.toString().replace(" ", ""));
            }
            List<String> actual = new ArrayList<>(ours.stream().map(b -> Arrays.toString(b).replace(" ", "")).toList());
            expected.sort(null);
            actual.sort(null);
            if (!expected.equals(actual)) {
                failures.add(cascade.name() + " " + image + " " + params + ": OpenCV " + expected.size()
                        + " boxes, ours " + actual.size());
            }
            cases++;
            if (params.minNeighbors() == 0) {
                rawBoxes += expected.size();
            }
        }
        System.out.println(cases + " cases, " + rawBoxes + " raw windows compared; differing: " + failures);
        assertEquals(36, cases);
        assertEquals(List.of(), failures);
    }

    private static GrayImage read(Path p) {
        try {
            return GrayImage.of(ImageIO.read(p.toFile()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
