package dev.fer.app.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.detector.FaceBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings: the columns and keys, face-less frames, and that every frame is on disk at once. */
class FrameWritersTest {
    @TempDir
    Path dir;

    private static final float[] P = {0.05f, 0.01f, 0.04f, 0.7f, 0.1f, 0.06f, 0.04f};

    private static AnalyzedFrame frame(long n, List<Face> faces) {
        return new AnalyzedFrame("cam, \"front\"", n, 1_700_000_000_000L + n * 33, n / 30.0, null, faces, 1_000_000);
    }

    private static Face face(int track, int x) {
        return new Face(track, new FaceBox(x, 20, 100, 110, 7), P.clone());
    }

    @Test
    void csvHasOneRowPerFaceAndANoFaceRowAndIsFlushedAsItGoes() throws Exception {
        Path file = dir.resolve("rec.csv");
        try (FrameWriter w = FrameWriter.open(file)) {
            w.write(frame(0, List.of(face(1, 10), face(2, 300))));
            w.write(frame(1, List.of()));
            List<String> lines = Files.readAllLines(file); // before close: already on disk
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertEquals("timestamp,source,frame,time_s,track,x,y,w,h,angry,disgust,fear,happy,neutral,sad,surprise,top,confidence",
                    lines.get(0));
            String[] row = lines.get(2).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertEquals("\"cam, \"\"front\"\"\"", row[1]);
            assertEquals("2", row[4]);
            assertEquals("300", row[5]);
            assertEquals("0.70000", row[12]);
            assertEquals("happy", row[16]);
            assertTrue(lines.get(3).contains(",no face,"), lines.get(3));
            assertTrue(lines.get(1).startsWith("2023-11-14T22:13:20Z,"), lines.get(1));
        }
    }

    @Test
    void jsonIsAnArrayOfFramesAndEachLineStandsAloneBeforeClose() throws Exception {
        Path file = dir.resolve("rec.json");
        FrameWriter w = FrameWriter.open(file);
        w.write(frame(0, List.of(face(3, 10))));
        w.write(frame(1, List.of()));
        // cut short (no close yet): every line after the opening bracket parses on its own
        List<String> lines = Files.readAllLines(file);
        JsonObject first = JsonParser.parseString(lines.get(1).replaceAll(",$", "")).getAsJsonObject();
        assertEquals(3, first.getAsJsonArray("faces").get(0).getAsJsonObject().get("track").getAsInt());
        w.close();
        JsonArray all = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
        assertEquals(2, all.size());
        JsonObject f0 = all.get(0).getAsJsonObject().getAsJsonArray("faces").get(0).getAsJsonObject();
        assertEquals("happy", f0.get("top").getAsString());
        assertEquals(0.7, f0.getAsJsonObject("probabilities").get("happy").getAsDouble(), 1e-9);
        assertEquals(7, f0.getAsJsonObject("probabilities").size());
        assertEquals(List.of(10, 20, 100, 110), f0.getAsJsonArray("box").asList().stream().map(e -> e.getAsInt()).toList());
        JsonObject f1 = all.get(1).getAsJsonObject();
        assertTrue(f1.get("no_face").getAsBoolean());
        assertEquals(0, f1.getAsJsonArray("faces").size());
        assertEquals(1, f1.get("frame").getAsLong());
    }

    @Test
    void anEmptyJsonRecordingIsAnEmptyArray() throws Exception {
        Path file = dir.resolve("empty.json");
        FrameWriter.open(file).close();
        assertEquals(0, JsonParser.parseString(Files.readString(file)).getAsJsonArray().size());
    }

    @Test
    void anUnknownExtensionIsRefusedWithTheFileName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameWriter.open(dir.resolve("rec.txt")));
        assertTrue(e.getMessage().contains("rec.txt"), e.getMessage());
    }
}
