package dev.fer.detector.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.FaceBox;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Both packaged BlazeFace models on the 210 photos of shared/data/faces (150 AFW photos with 255
 * hand-boxed faces, many turned; 60 scenes without faces), scored as
 * {@code bench/peers/compare.py --gt} scores: greedy one-to-one matching by IoU, a match at
 * IoU >= 0.5. The bar is OpenCV's Haar cascade on the same photos: recall 63.5%, precision 52.9%.
 */
class BlazeFaceOnPhotosTest {
    private static final double HAAR_RECALL = 0.635;
    private static final double HAAR_PRECISION = 0.529;

    @Test
    void beatsTheHaarCascadeOnRealPhotos() throws IOException {
        Path faces = Path.of(System.getProperty("fer.shared", "../shared"), "data", "faces");
        assumeTrue(Files.isRegularFile(faces.resolve("gt.json")), "no face photos at " + faces);
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE)
                && BlazeFaceDetector.isPackaged(BlazeFaceVariant.FULL_RANGE), "BlazeFace models not packaged (no npm)");
        Map<String, List<int[]>> truth = readBoxes(Files.readString(faces.resolve("gt.json")));
        assertEquals(210, truth.size());

        BlazeFaceDetector shortRange = BlazeFaceDetector.load(BlazeFaceVariant.SHORT_RANGE);
        BlazeFaceDetector fullRange = BlazeFaceDetector.load(BlazeFaceVariant.FULL_RANGE);
        Score shortScore = new Score();
        Score fullScore = new Score();
        int eyesChecked = 0;
        int eyesInside = 0;
        for (Map.Entry<String, List<int[]>> e : truth.entrySet()) {
            BufferedImage image = ImageIO.read(faces.resolve(e.getKey()).toFile());
            shortScore.add(e.getValue(), shortRange.detect(image));
            List<FaceBox> found = fullRange.detect(image);
            fullScore.add(e.getValue(), found);
            for (FaceBox f : found) {
                float[] k = f.keypoints();
                assertEquals(12, k.length);
                eyesChecked++;
                // both eyes inside the box, in its upper 60%
                if (inside(f, k[0], k[1]) && inside(f, k[2], k[3]) && k[1] < f.y() + 0.6 * f.height()
                        && k[3] < f.y() + 0.6 * f.height()) {
                    eyesInside++;
                }
            }
        }
        System.out.printf("BlazeFace short range: %s%nBlazeFace full range:  %s%n", shortScore, fullScore);
        assertEquals(255, fullScore.truth);
        assertTrue(fullScore.recall() > HAAR_RECALL + 0.15, "full range " + fullScore);
        assertTrue(fullScore.precision() > HAAR_PRECISION + 0.3, "full range " + fullScore);
        assertTrue(shortScore.recall() > HAAR_RECALL, "short range " + shortScore);
        assertTrue(shortScore.precision() > HAAR_PRECISION + 0.15, "short range " + shortScore);
        assertTrue(eyesInside >= 0.9 * eyesChecked, eyesInside + " of " + eyesChecked + " faces have both eyes in place");
    }

    private static boolean inside(FaceBox f, float x, float y) {
        return x >= f.x() && x <= f.x() + f.width() && y >= f.y() && y <= f.y() + f.height();
    }

    /** Matches, ground-truth boxes and detections, summed over images. */
    private static final class Score {
        int matched;
        int truth;
        int detected;

        void add(List<int[]> gt, List<FaceBox> found) {
            truth += gt.size();
            detected += found.size();
            // greedy one-to-one: pairs in order of decreasing IoU, each box used once
            List<double[]> pairs = new ArrayList<>();
            for (int g = 0; g < gt.size(); g++) {
                int[] b = gt.get(g);
                FaceBox gb = new FaceBox(b[0], b[1], b[2], b[3], 1);
                for (int d = 0; d < found.size(); d++) {
                    double iou = gb.iou(found.get(d));
                    if (iou > 0) {
                        pairs.add(new double[] {iou, g, d});
                    }
                }
            }
            pairs.sort((p, q) -> Double.compare(q[0], p[0]));
            boolean[] gUsed = new boolean[gt.size()];
            boolean[] dUsed = new boolean[found.size()];
            for (double[] p : pairs) {
                int g = (int) p[1];
                int d = (int) p[2];
                if (!gUsed[g] && !dUsed[d]) {
                    gUsed[g] = true;
                    dUsed[d] = true;
                    if (p[0] >= 0.5) {
                        matched++;
                    }
                }
            }
        }

        double recall() {
            return (double) matched / truth;
        }

        double precision() {
            return detected == 0 ? 0 : (double) matched / detected;
        }

        @Override
        public String toString() {
            return String.format("recall %.1f%% (%d/%d), precision %.1f%% (%d/%d)", 100 * recall(), matched, truth,
                    100 * precision(), matched, detected);
        }
    }

    /** {@code {"images/x.jpg": [[x, y, w, h], ...], ...}}, the only shape gt.json has. */
    static Map<String, List<int[]>> readBoxes(String json) {
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\[((?:\\s*\\[[^\\]]*\\]\\s*,?)*)\\s*\\]").matcher(json);
        Pattern box = Pattern.compile("\\[\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\]");
        while (entry.find()) {
            List<int[]> boxes = new ArrayList<>();
            Matcher b = box.matcher(entry.group(2));
            while (b.find()) {
                boxes.add(new int[] {Integer.parseInt(b.group(1)), Integer.parseInt(b.group(2)),
                    Integer.parseInt(b.group(3)), Integer.parseInt(b.group(4))});
            }
            out.put(entry.group(1), boxes);
        }
        return out;
    }
}
