package dev.fer.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.app.support.TestData;
import dev.fer.detector.DetectionsFile;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flags of {@code detect} (detector/README.md), read by the app's shared option parsing. */
class DetectCommandTest {
    @TempDir
    Path dir;

    private static int detect(String... args) throws Exception {
        return new DetectCommand().run(args);
    }

    @Test
    void cascadeFlagsReachTheDetectorAndTheJson() throws Exception {
        Path image = TestData.face(TestData.TWO_FACES);
        Path json = dir.resolve("haar.json");
        assertEquals(0, detect(image.toString(), "--json", json.toString(), "--scale-factor", "1.2",
                "--min-neighbors", "3", "--min-size", "40", "--max-size", "400", "--threads", "1", "--time"));

        JsonObject params = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("params");
        assertEquals("haar", params.get("detector").getAsString());
        assertEquals(1.2, params.get("scaleFactor").getAsDouble());
        assertEquals(3, params.get("minNeighbors").getAsInt());
        assertEquals(40, params.getAsJsonArray("minSize").get(0).getAsInt());
        assertEquals(400, params.getAsJsonArray("maxSize").get(0).getAsInt());
        assertEquals(1, params.get("threads").getAsInt());
        assertEquals(5, params.get("timed_runs").getAsInt());

        HaarCascadeDetector direct = new HaarCascadeDetector(Cascade.frontalFace(), new DetectionParams(1.2, 3, 40, 400), 1);
        List<int[]> expected = DetectionsFile.boxes(direct.detect(GrayImage.of(ImageIO.read(image.toFile()))));
        List<int[]> written = DetectionsFile.read(json).detections().get(image.toString());
        assertEquals(expected.size(), written.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(List.of(expected.get(i)[0], expected.get(i)[1], expected.get(i)[2], expected.get(i)[3]),
                    List.of(written.get(i)[0], written.get(i)[1], written.get(i)[2], written.get(i)[3]));
        }
        assertTrue(DetectionsFile.read(json).timingMs().containsKey(image.toString()), "--time records the image's time");
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception {
        String image = TestData.face(TestData.TWO_FACES).toString();
        assertEquals(2, detect(), "no INPUT");
        assertEquals(2, detect(image, "--bogus"));
        assertEquals(2, detect(image, "--scale-factor", "1"));
        assertEquals(2, detect(image, "--min-size", "many"));
        assertEquals(2, detect(image, "--max-size", "-1"));
        assertEquals(2, detect(image, "--threads", "0"));
        assertEquals(2, detect(image, "--json"), "--json needs a value");
        assertEquals(2, detect(image, "--detector", "dlib"));
        assertEquals(2, detect(image, "--detector", "blazeface", "--cascade", "x.xml"));
        assertEquals(2, detect(image, "--cascade", dir.resolve("none.xml").toString()), "missing cascade file");
        assertEquals(2, detect(dir.resolve("nothing-here").toString()), "missing input");
        assertEquals(0, detect("--help"));
    }
}
