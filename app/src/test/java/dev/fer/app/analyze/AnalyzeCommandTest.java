package dev.fer.app.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fer.app.support.TestData;
import dev.fer.app.support.TestModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} on known photos: OpenCV finds 2, 1 and 0 faces in them at (1.1, 5, 30). */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int analyze(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TestModels.modelArgs(dir));
        return new AnalyzeCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
    }

    @Test
    void imagesFolderlessAndBrokenFilesGiveRowsErrorsAndASummary() throws Exception {
        Path two = TestData.face(TestData.TWO_FACES);
        Path one = TestData.face(TestData.ONE_FACE_640x480);
        Path none = TestData.face("no-face/123290.jpg");
        Path corrupt = Files.write(dir.resolve("corrupt.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x13, 0x37});
        Path json = dir.resolve("out/result.json");
        Path csv = dir.resolve("out/result.csv");
        Path plot = dir.resolve("out/timeline.png");
        int code = analyze(two.toString(), corrupt.toString(), one.toString(), none.toString(), dir.resolve("missing.png").toString(),
                "--json", json.toString(), "--csv", csv.toString(), "--plot", plot.toString());
        assertEquals(0, code, err.toString());

        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        JsonArray frames = root.getAsJsonArray("frames");
        assertEquals(3, frames.size(), "the corrupt and the missing file are skipped");
        assertEquals(List.of(2, 1, 0), faceCounts(frames));
        assertEquals(two.toString(), frames.get(0).getAsJsonObject().get("source").getAsString());
        assertTrue(frames.get(2).getAsJsonObject().get("no_face").getAsBoolean());
        Set<String> keys = Set.of("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise");
        for (JsonElement f : frames.get(0).getAsJsonObject().getAsJsonArray("faces")) {
            JsonObject face = f.getAsJsonObject();
            JsonObject p = face.getAsJsonObject("probabilities");
            assertEquals(keys, p.keySet());
            String best = p.entrySet().stream().max((a, b) -> Double.compare(a.getValue().getAsDouble(), b.getValue().getAsDouble()))
                    .orElseThrow().getKey();
            assertEquals(best, face.get("top").getAsString());
            assertEquals(4, face.getAsJsonArray("box").size());
        }
        JsonArray errors = root.getAsJsonArray("errors");
        assertEquals(2, errors.size());
        Set<String> bad = new java.util.HashSet<>();
        errors.forEach(e -> bad.add(e.getAsJsonObject().get("file").getAsString()));
        assertEquals(Set.of(corrupt.toString(), dir.resolve("missing.png").toString()), bad);
        JsonObject summary = root.getAsJsonObject("summary");
        assertEquals(3, summary.get("images").getAsInt());
        assertEquals(3, summary.get("faces").getAsInt());
        assertEquals(1, summary.get("frames_without_faces").getAsInt());
        assertEquals(2, summary.get("skipped").getAsInt());
        long topTotal = summary.getAsJsonObject("top_counts").entrySet().stream().mapToLong(e -> e.getValue().getAsLong()).sum();
        assertEquals(3, topTotal);

        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 2 + 1 + 1, rows.size());
        assertTrue(rows.getLast().contains(",no face,"), rows.getLast());

        BufferedImage png = ImageIO.read(plot.toFile());
        assertEquals(TimelinePlot.WIDTH, png.getWidth());

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("] " + none + ": no face"), text);
        assertTrue(text.contains("[1/4] " + two + ": 2 faces: "), text);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("corrupt.jpg"), err.toString());
    }

    @Test
    void aFolderIsSearchedRecursivelyAndLabelledRelativeToIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("set/sub"));
        Files.createSymbolicLink(folder.resolve("face.jpg"), TestData.face(TestData.ONE_FACE_640x480).toAbsolutePath());
        Files.writeString(dir.resolve("set/notes.txt"), "not media: passed over");
        Path json = dir.resolve("r.json");
        assertEquals(0, analyze(dir.resolve("set").toString(), "--json", json.toString()));
        JsonArray frames = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("frames");
        assertEquals(1, frames.size());
        assertEquals("sub/face.jpg", frames.get(0).getAsJsonObject().get("source").getAsString());
    }

    @Test
    void ttaAveragesEachFaceWithItsMirrorImage() throws Exception {
        Path face = TestData.face(TestData.ONE_FACE_640x480);
        Path plain = dir.resolve("plain.json");
        Path tta = dir.resolve("tta.json");
        assertEquals(0, analyze(face.toString(), "--json", plain.toString()), err.toString());
        assertEquals(0, analyze(face.toString(), "--json", tta.toString(), "--tta"), err.toString());
        JsonObject a = onlyFace(plain);
        JsonObject b = onlyFace(tta);
        assertEquals(a.get("box"), b.get("box"), "the same face is found either way");
        double sum = 0;
        double difference = 0;
        for (var e : b.getAsJsonObject("probabilities").entrySet()) {
            sum += e.getValue().getAsDouble();
            difference += Math.abs(e.getValue().getAsDouble()
                    - a.getAsJsonObject("probabilities").get(e.getKey()).getAsDouble());
        }
        assertEquals(1, sum, 1e-3);
        assertTrue(difference > 1e-4, "a face and its mirror image are not classified identically: " + a + " " + b);
    }

    private static JsonObject onlyFace(Path json) throws Exception {
        JsonArray frames = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("frames");
        assertEquals(1, frames.size());
        JsonArray faces = frames.get(0).getAsJsonObject().getAsJsonArray("faces");
        assertEquals(1, faces.size());
        return faces.get(0).getAsJsonObject();
    }

    @Test
    void aVideoIsAnalyzedFrameByFrameWithTracksAndTimes() throws Exception {
        assumeTrue(hasFfmpeg(), "ffmpeg not installed");
        Path video = dir.resolve("clip.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-loop", "1", "-i", TestData.face(TestData.ONE_FACE_640x480).toString(),
                "-t", "2", "-r", "5", "-pix_fmt", "yuv420p", video.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        Path json = dir.resolve("v.json");
        Path plot = dir.resolve("v.png");
        assertEquals(0, analyze(video.toString(), "--json", json.toString(), "--plot", plot.toString()), err.toString());
        JsonArray frames = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("frames");
        assertEquals(10, frames.size());
        List<Integer> tracks = new ArrayList<>();
        double lastTime = -1;
        for (JsonElement e : frames) {
            JsonObject f = e.getAsJsonObject();
            assertEquals(1, f.getAsJsonArray("faces").size());
            tracks.add(f.getAsJsonArray("faces").get(0).getAsJsonObject().get("track").getAsInt());
            assertTrue(f.get("time_s").getAsDouble() > lastTime);
            lastTime = f.get("time_s").getAsDouble();
        }
        assertEquals(1, tracks.stream().distinct().count(), "one face, one track: " + tracks);
        assertTrue(lastTime > 1.5 && lastTime < 2.1, "last frame at " + lastTime + " s");
        assertTrue(Files.size(plot) > 1000);
        Files.copy(plot, TestData.outputDir().resolve("analyze-video-plot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void noInputIsAUsageError() throws Exception {
        assertEquals(2, analyze("--json", "x.json"));
        assertTrue(err.toString().contains("no input"), err.toString());
        assertEquals(2, analyze("a.jpg", "--min-neighbors", "many"));
        assertTrue(err.toString().contains("--min-neighbors"), err.toString());
    }

    private static List<Integer> faceCounts(JsonArray frames) {
        List<Integer> n = new ArrayList<>();
        frames.forEach(f -> n.add(f.getAsJsonObject().getAsJsonArray("faces").size()));
        return n;
    }

    private static boolean hasFfmpeg() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
