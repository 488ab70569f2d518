package dev.fer.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.app.cli.Options.UsageException;
import dev.fer.app.support.TestData;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.blazeface.BlazeFaceVariant;
import dev.fer.detector.haar.DetectionParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --detector haar|blazeface} and {@code --blazeface-model} in the commands that find faces. */
class DetectorChoiceTest {
    @TempDir
    Path dir;

    private static Options parse(String... args) throws UsageException {
        return Options.parse(args, DetectorOptions.FLAGS, Set.of());
    }

    @Test
    void factoryMakesTheChosenDetector() throws UsageException {
        Function<DetectionParams, FaceDetector> haar = DetectorOptions.factory(parse(), 1);
        assertEquals("haar", haar.apply(DetectionParams.DEFAULT).name());
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE), "BlazeFace models not packaged");
        Function<DetectionParams, FaceDetector> blaze =
                DetectorOptions.factory(parse("--detector", "blazeface", "--blazeface-model", "short"), 1);
        FaceDetector d = blaze.apply(DetectionParams.DEFAULT);
        assertEquals(BlazeFaceVariant.SHORT_RANGE, ((BlazeFaceDetector) d).variant());
        assertTrue(d == blaze.apply(DetectorOptions.LIVE), "the loaded network is reused, cascade settings do not apply");
    }

    @Test
    void badChoicesAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> DetectorOptions.factory(parse("--detector", "dlib"), 1));
        assertTrue(e.getMessage().contains("dlib") && e.getMessage().contains("blazeface"), e.getMessage());
        e = assertThrows(UsageException.class, () -> DetectorOptions.factory(parse("--blazeface-model", "short"), 1));
        assertTrue(e.getMessage().contains("--detector blazeface"), e.getMessage());
        e = assertThrows(UsageException.class, () -> DetectorOptions.factory(
                parse("--detector", "blazeface", "--blazeface-model", dir.resolve("none.tflite").toString()), 1));
        assertTrue(e.getMessage().contains("none.tflite"), e.getMessage());
    }

    @Test
    void detectCommandWritesBlazeFaceDetections() throws Exception {
        Path two = TestData.face(TestData.TWO_FACES);
        Path none = TestData.face("no-face/123290.jpg");
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.FULL_RANGE), "BlazeFace models not packaged");
        Path json = dir.resolve("bf.json");
        int code = new DetectCommand().run(new String[] {two.toString(), none.toString(), "--detector", "blazeface",
            "--json", json.toString(), "--threads", "1"});
        assertEquals(0, code);
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals("blazeface", root.getAsJsonObject("params").get("detector").getAsString());
        assertEquals("FULL_RANGE", root.getAsJsonObject("params").get("blazeface_variant").getAsString());
        JsonObject detections = root.getAsJsonObject("detections");
        assertEquals(2, detections.getAsJsonArray(two.toString()).size());
        assertEquals(0, detections.getAsJsonArray(none.toString()).size());
        assertEquals(2, new DetectCommand().run(new String[] {two.toString(), "--blazeface-model", "short"}),
                "--blazeface-model without --detector blazeface is refused");
    }
}
