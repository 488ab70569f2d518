package dev.fer.detector;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.fer.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detections of many images in the JSON shape of OpenCV's reference files
 * ({@code shared/data/faces/opencv-ref-*.json}, written by {@code opencv_ref.py}):
 * {@code {"params": {...}, "detections": {"images/x.jpg": [[x, y, w, h], ...]}, "timing_ms": {...}}}.
 * A plain {@code {"x.jpg": [[...]]}} map reads too.
 *
 * @param params     free-form description of how they were made (may be empty)
 * @param detections boxes per image key, in key order
 * @param timingMs   median detection time per image key (may be empty)
 */
public record DetectionsFile(Map<String, Object> params, Map<String, List<int[]>> detections,
                             Map<String, Double> timingMs) {

    public static DetectionsFile read(Path file) throws IOException {
        JsonElement root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        JsonObject obj = root.getAsJsonObject();
        JsonObject dets = obj.has("detections") && obj.get("detections").isJsonObject()
                ? obj.getAsJsonObject("detections") : obj;
        Map<String, List<int[]>> detections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : dets.entrySet()) {
            if (!e.getValue().isJsonArray()) {
                throw new IOException(file + ": \"" + e.getKey() + "\" should be a list of [x, y, w, h] boxes");
            }
            List<int[]> boxes = new ArrayList<>();
            for (JsonElement b : e.getValue().getAsJsonArray()) {
                JsonArray a = b.getAsJsonArray();
                if (a.size() != 4) {
                    throw new IOException(file + ": \"" + e.getKey() + "\" has a box of " + a.size() + " numbers, not 4");
                }
                boxes.add(new int[] {a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt(), a.get(3).getAsInt()});
            }
            detections.put(e.getKey(), boxes);
        }
        Map<String, Double> timing = new LinkedHashMap<>();
        if (obj.has("timing_ms") && obj.get("timing_ms").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : obj.getAsJsonObject("timing_ms").entrySet()) {
                timing.put(e.getKey(), e.getValue().getAsDouble());
            }
        }
        return new DetectionsFile(Map.of(), detections, timing);
    }

    /** Writes the file atomically: to a temporary file beside it, then renamed over it. */
    public void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("params", params);
        json.put("detections", detections);
        if (!timingMs.isEmpty()) {
            json.put("timing_ms", timingMs);
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            gson.toJson(json, w);
            w.flush();
        });
    }

    /** Boxes as the {@code [x, y, w, h]} arrays of the file. */
    public static List<int[]> boxes(List<FaceBox> faces) {
        List<int[]> out = new ArrayList<>(faces.size());
        for (FaceBox f : faces) {
            out.add(new int[] {f.x(), f.y(), f.width(), f.height()});
        }
        return out;
    }
}
