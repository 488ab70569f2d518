package dev.fer.trainer.metrics;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ClassificationReportTest {
    @TempDir
    Path dir;

    /**
     * Rows actual, columns predicted (angry, disgust, fear, happy, neutral, sad, surprise):
     * 20 faces, 13 right. Worked by hand:
     * angry: 3 of 5 right; predicted angry 3 + 1 (fear) = 4 -> P 3/4, R 3/5, F1 2*.75*.6/1.35 = 2/3
     * disgust: none, never predicted -> left out of macro F1
     * fear: 1 of 3; predicted fear 1 + 1 (angry) = 2 -> P 1/2, R 1/3, F1 0.4
     * happy: 6 of 6; predicted happy 6 + 1 (neutral) + 1 (sad) = 8 -> P 6/8, R 1, F1 6/7
     * neutral: 1 of 2; predicted neutral 1 + 1 (angry) = 2 -> P 1/2, R 1/2, F1 1/2
     * sad: 2 of 4; predicted sad 2 + 1 (fear) = 3 -> P 2/3, R 1/2, F1 4/7
     * surprise: 0 of 0; predicted surprise 1 (sad) -> P 0, R 0, F1 0 (counts: it was predicted)
     * macro F1 over 6 classes = (2/3 + 0.4 + 6/7 + 0.5 + 4/7 + 0) / 6
     */
    private static final long[][] HAND = {
            {3, 0, 1, 0, 1, 0, 0},
            {0, 0, 0, 0, 0, 0, 0},
            {1, 0, 1, 0, 0, 1, 0},
            {0, 0, 0, 6, 0, 0, 0},
            {0, 0, 0, 1, 1, 0, 0},
            {0, 0, 0, 1, 0, 2, 1},
            {0, 0, 0, 0, 0, 0, 0},
    };

    /** A copy of the hand-worked matrix, for tests that build faces from it. */
    public static long[][] HAND_MATRIX() {
        return ConfusionMatrix.of(HAND).counts();
    }

    @Test
    void figuresMatchTheHandWorkedMatrix() {
        ConfusionMatrix m = ConfusionMatrix.of(HAND);
        assertEquals(20, m.total());
        assertEquals(13, m.correct());
        assertEquals(0.65, m.accuracy(), 1e-12);
        assertEquals(0.75, m.precision(0), 1e-12);
        assertEquals(0.6, m.recall(0), 1e-12);
        assertEquals(2.0 / 3, m.f1(0), 1e-12);
        assertEquals(0.4, m.f1(2), 1e-12);
        assertEquals(6.0 / 7, m.f1(3), 1e-12);
        assertEquals(4.0 / 7, m.f1(5), 1e-12);
        assertEquals(0, m.f1(6), 1e-12);
        assertEquals((2.0 / 3 + 0.4 + 6.0 / 7 + 0.5 + 4.0 / 7 + 0) / 6, m.macroF1(), 1e-12);
    }

    @Test
    void jsonHasTheAgreedKeys() {
        var report = new ClassificationReport(ConfusionMatrix.of(HAND), Map.of("model", "x.fer"));
        JsonObject json = JsonParser.parseString(report.toJson()).getAsJsonObject();
        assertEquals(0.65, json.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(ConfusionMatrix.of(HAND).macroF1(), json.get("macro_f1").getAsDouble(), 1e-12);
        assertEquals("x.fer", json.get("model").getAsString());
        JsonObject happy = json.getAsJsonObject("per_class").getAsJsonObject("happy");
        assertEquals(0.75, happy.get("precision").getAsDouble(), 1e-12);
        assertEquals(1.0, happy.get("recall").getAsDouble(), 1e-12);
        assertEquals(6, happy.get("support").getAsInt());
        assertEquals(2, json.getAsJsonArray("confusion_matrix").get(5).getAsJsonArray().get(5).getAsInt());
        assertEquals("surprise", json.getAsJsonArray("classes").get(6).getAsString());
        String text = report.toText();
        assertTrue(text.contains("accuracy  0.6500  (13 of 20)"), text);
    }

    @Test
    void chartsAreWrittenAsPngs() throws IOException {
        History history = new History();
        for (int e = 1; e <= 5; e++) {
            // values with few binary digits, so the CSV round trip is exact
            history.add(new History.Epoch(e, 1e-3, 2 - 0.25 * e, 0.25 + 0.0625 * e, 1.75 - 0.125 * e,
                    0.25 + 0.03125 * e, 0.125 + 0.03125 * e, 12.5));
        }
        history.save(dir.resolve("history.csv"));
        assertEquals(history.epochs(), History.load(dir.resolve("history.csv")).epochs());
        Charts.trainingCurves(history, dir.resolve("curves.png"));
        Charts.confusionMatrix(ConfusionMatrix.of(HAND), "validation", dir.resolve("cm.png"));
        var curves = ImageIO.read(dir.resolve("curves.png").toFile());
        var cm = ImageIO.read(dir.resolve("cm.png").toFile());
        assertTrue(curves.getWidth() > 1000 && curves.getHeight() > 300);
        assertTrue(cm.getWidth() > 500);
        // the happy/happy cell (100%) is the darkest blue: centre pixel of row 3, column 3
        int rgb = cm.getRGB(120 + 3 * 82 + 5, 90 + 3 * 82 + 5);
        assertTrue((rgb & 0xFF) > ((rgb >> 16) & 0xFF), "diagonal cells are blue");
        assertTrue(Files.size(dir.resolve("cm.png")) > 2000);
    }
}
