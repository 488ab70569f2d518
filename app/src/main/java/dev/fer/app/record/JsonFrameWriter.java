package dev.fer.app.record;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.trainer.model.Emotion;
import java.io.IOException;
import java.io.Writer;

/**
 * A JSON array of frame objects, one per line:
 * {@code {"timestamp", "source", "frame", "time_s", "faces": [{"track", "box": [x, y, w, h],
 * "probabilities": {"angry": ..}, "top", "confidence"}]}}, plus {@code "no_face": true} for a frame
 * without faces. The closing bracket comes with {@link #close()}; a recording cut short lacks only
 * that, and each of its lines is still a complete JSON object.
 */
public final class JsonFrameWriter implements FrameWriter {
    private static final Gson GSON = new Gson();

    private final Writer out;
    private final boolean wallClock;
    private boolean first = true;

    /** @param wallClock whether frames carry their ISO-8601 capture time */
    public JsonFrameWriter(Writer out, boolean wallClock) throws IOException {
        this.out = out;
        this.wallClock = wallClock;
        out.write("[\n");
        out.flush();
    }

    @Override
    public void write(AnalyzedFrame frame) throws IOException {
        if (!first) {
            out.write(",\n");
        }
        first = false;
        out.write(GSON.toJson(toJson(frame, wallClock)));
        out.flush();
    }

    /** The JSON object of one frame, as recordings and {@code analyze --json} write it. */
    public static JsonObject toJson(AnalyzedFrame frame, boolean wallClock) {
        JsonObject o = new JsonObject();
        if (wallClock) {
            o.addProperty("timestamp", FrameFormat.timestamp(frame));
        }
        o.addProperty("source", frame.source());
        o.addProperty("frame", frame.frameNumber());
        o.addProperty("time_s", FrameFormat.roundSeconds(frame.seconds()));
        JsonArray faces = new JsonArray();
        for (Face face : frame.faces()) {
            faces.add(toJson(face));
        }
        o.add("faces", faces);
        if (frame.faces().isEmpty()) {
            o.addProperty("no_face", true);
        }
        return o;
    }

    private static JsonObject toJson(Face face) {
        JsonObject f = new JsonObject();
        f.addProperty("track", face.trackId());
        JsonArray box = new JsonArray();
        for (int v : FrameFormat.box(face)) {
            box.add(v);
        }
        f.add("box", box);
        JsonObject p = new JsonObject();
        for (Emotion e : FrameFormat.EMOTIONS) {
            p.addProperty(e.label(), FrameFormat.round(face.probability(e)));
        }
        f.add("probabilities", p);
        f.addProperty("top", face.top().label());
        f.addProperty("confidence", FrameFormat.round(face.confidence()));
        return f;
    }

    @Override
    public void close() throws IOException {
        out.write(first ? "]\n" : "\n]\n");
        out.close();
    }
}
