package dev.fer.trainer.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Flatten;
import dev.fer.engine.layer.Param;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.FerTrainer;
import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.metrics.ClassificationReportTest;
import dev.fer.trainer.metrics.ConfusionMatrix;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluation against the hand-worked confusion matrix of {@link ClassificationReportTest}: a real
 * engine model whose prediction is "the index of the one bright pixel among the first seven", fed
 * faces whose bright pixel is chosen per cell of the matrix.
 */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    /** Flatten, then a dense layer that copies pixel c to logit c. */
    static Sequential brightPixelModel() {
        Sequential model = new Sequential(Architectures.FACE).add(new Flatten()).add(new Dense(Emotion.COUNT)).build();
        for (Param p : model.params()) {
            Arrays.fill(p.value, 0f);
            p.changed();
        }
        Param kernel = model.params().getFirst(); // [in][units]
        for (int c = 0; c < Emotion.COUNT; c++) {
            kernel.value[c * Emotion.COUNT + c] = 1f;
        }
        kernel.changed();
        return model;
    }

    /** One face per count of the hand matrix: labelled with its row, bright at its column's pixel. */
    static FaceSet handFaces() {
        List<byte[]> faces = new ArrayList<>();
        List<Byte> labels = new ArrayList<>();
        long[][] hand = ClassificationReportTest.HAND_MATRIX();
        for (int actual = 0; actual < 7; actual++) {
            for (int predicted = 0; predicted < 7; predicted++) {
                for (long k = 0; k < hand[actual][predicted]; k++) {
                    byte[] face = new byte[FaceSet.FACE_PIXELS];
                    face[predicted] = (byte) 255;
                    faces.add(face);
                    labels.add((byte) actual);
                }
            }
        }
        byte[] pixels = new byte[faces.size() * FaceSet.FACE_PIXELS];
        byte[] l = new byte[faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            System.arraycopy(faces.get(i), 0, pixels, i * FaceSet.FACE_PIXELS, FaceSet.FACE_PIXELS);
            l[i] = labels.get(i);
        }
        return new FaceSet(pixels, l);
    }

    /** The faces as PNG files in class folders under {@code data}. */
    static Path writeFaces(FaceSet faces, Path data) throws IOException {
        for (int i = 0; i < faces.size(); i++) {
            BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 48, 48, Arrays.copyOfRange(faces.pixels(),
                    i * FaceSet.FACE_PIXELS, (i + 1) * FaceSet.FACE_PIXELS));
            Path file = data.resolve(faces.label(i).label()).resolve(i + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }
        return data;
    }

    @Test
    void evaluatorReproducesTheHandMatrix() {
        var result = Evaluator.evaluate(EmotionClassifier.of(brightPixelModel()), handFaces(), null);
        ConfusionMatrix m = result.matrix();
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(ClassificationReportTest.HAND_MATRIX()[r][c], m.count(r, c), "cell " + r + "," + c);
            }
        }
        assertEquals(0.65, m.accuracy(), 1e-12);

        // mirror averaging: a mirrored face has its bright pixel at column 47 - c, outside the first
        // seven, so its logits are all equal; averaging with that uniform guess keeps every argmax
        // (the same matrix) and pulls each probability halfway to 1/7, which changes the loss
        var tta = Evaluator.evaluate(EmotionClassifier.of(brightPixelModel()).mirrorAveraging(true), handFaces(), null);
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(m.count(r, c), tta.matrix().count(r, c), "cell " + r + "," + c);
            }
        }
        double bright = 255 / 64.0 - 2;
        double dark = -2;
        double top = Math.exp(bright) / (Math.exp(bright) + 6 * Math.exp(dark));
        double other = Math.exp(dark) / (Math.exp(bright) + 6 * Math.exp(dark));
        double expected = -(13 * Math.log(0.5 * (top + 1.0 / 7)) + 7 * Math.log(0.5 * (other + 1.0 / 7))) / 20;
        assertEquals(expected, tta.meanLoss(), 1e-5);
    }

    @Test
    void evaluateCommandWritesTheHandCheckedFiguresAsJson() throws IOException {
        Path model = dir.resolve("bright.fer");
        brightPixelModel().save(model);
        Path data = writeFaces(handFaces(), dir.resolve("faces"));
        Files.createDirectories(data.resolve("disgust")); // an empty class folder is counted, not fatal
        Path json = dir.resolve("report.json");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        System.setProperty("fer.cache", dir.resolve("cache").toString());
        try {
            int status = FerTrainer.run(List.of("evaluate", "--model", model.toString(), "--data", data.toString(),
                    "--json", json.toString(), "--threads", "1"), new PrintStream(out), new PrintStream(err));
            assertEquals(0, status, err.toString());
        } finally {
            System.clearProperty("fer.cache");
        }
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(0.65, report.get("accuracy").getAsDouble(), 1e-12);
        assertEquals(ConfusionMatrix.of(ClassificationReportTest.HAND_MATRIX()).macroF1(),
                report.get("macro_f1").getAsDouble(), 1e-12);
        assertEquals(4.0 / 7, report.getAsJsonObject("per_class").getAsJsonObject("sad").get("f1").getAsDouble(), 1e-12);
        var rows = report.getAsJsonArray("confusion_matrix");
        for (int r = 0; r < 7; r++) {
            long[] row = new long[7];
            for (int c = 0; c < 7; c++) {
                row[c] = rows.get(r).getAsJsonArray().get(c).getAsLong();
            }
            assertArrayEquals(ClassificationReportTest.HAND_MATRIX()[r], row);
        }
        assertTrue(out.toString().contains("accuracy  0.6500  (13 of 20)"), out.toString());
        assertTrue(out.toString().contains("empty class folders"), out.toString());
    }

    /** A model whose logits are all zero: the uniform guess. */
    static Sequential uniformModel() {
        Sequential model = new Sequential(Architectures.FACE).add(new Flatten()).add(new Dense(Emotion.COUNT)).build();
        for (Param p : model.params()) {
            Arrays.fill(p.value, 0f);
            p.changed();
        }
        return model;
    }

    @Test
    void anEnsembleAveragesItsModelsProbabilities() throws IOException {
        // the bright-pixel model and the uniform guess: every argmax stays (the hand matrix) and each
        // probability is pulled halfway to 1/7, as mirror averaging does above
        Path bright = dir.resolve("bright.fer");
        Path uniform = dir.resolve("uniform.fer");
        brightPixelModel().save(bright);
        uniformModel().save(uniform);
        Path data = writeFaces(handFaces(), dir.resolve("faces"));
        Path json = dir.resolve("ensemble.json");
        var err = new ByteArrayOutputStream();
        System.setProperty("fer.cache", dir.resolve("cache").toString());
        try {
            int status = FerTrainer.run(List.of("evaluate", "--model", bright + "," + uniform, "--data", data.toString(),
                    "--json", json.toString(), "--threads", "1"), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err));
            assertEquals(0, status, err.toString());
        } finally {
            System.clearProperty("fer.cache");
        }
        JsonObject report = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(0.65, report.get("accuracy").getAsDouble(), 1e-12);
        var tta = Evaluator.evaluate(EmotionClassifier.of(brightPixelModel()).mirrorAveraging(true), handFaces(), null);
        assertEquals(tta.meanLoss(), report.get("mean_loss").getAsDouble(), 1e-6);
        assertEquals(2, report.get("ensemble").getAsInt());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        var err = new ByteArrayOutputStream();
        int status = FerTrainer.run(List.of("evaluate", "--data", dir.toString(), "--bogus", "1"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("unknown option --bogus"), err.toString());
        var err2 = new ByteArrayOutputStream();
        int status2 = FerTrainer.run(List.of("evaluate", "--model", dir.resolve("missing.fer").toString(), "--data",
                dir.toString()), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2));
        assertEquals(1, status2);
        assertTrue(err2.toString().contains("missing.fer"), err2.toString());
    }
}
