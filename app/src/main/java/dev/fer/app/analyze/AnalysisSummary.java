package dev.fer.app.analyze;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.trainer.model.Emotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Counts over a whole {@code analyze} run: what was read, what was found, what failed. */
final class AnalysisSummary {
    private static final Emotion[] EMOTIONS = Emotion.values();

    private int images;
    private int videos;
    private long frames;
    private long framesWithFaces;
    private long faces;
    private final long[] topCounts = new long[EMOTIONS.length];
    private final double[] probabilitySums = new double[EMOTIONS.length];
    private final List<String[]> errors = new ArrayList<>();

    void countImage() {
        images++;
    }

    void countVideo() {
        videos++;
    }

    void add(AnalyzedFrame frame) {
        frames++;
        if (!frame.faces().isEmpty()) {
            framesWithFaces++;
        }
        for (Face f : frame.faces()) {
            faces++;
            topCounts[f.top().ordinal()]++;
            for (int i = 0; i < EMOTIONS.length; i++) {
                probabilitySums[i] += f.probabilities()[i];
            }
        }
    }

    /** A file that was skipped, and why. */
    void error(String file, String reason) {
        errors.add(new String[] {file, reason});
    }

    int errorCount() {
        return errors.size();
    }

    long frames() {
        return frames;
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("images", images);
        o.addProperty("videos", videos);
        o.addProperty("frames", frames);
        o.addProperty("frames_with_faces", framesWithFaces);
        o.addProperty("frames_without_faces", frames - framesWithFaces);
        o.addProperty("faces", faces);
        JsonObject top = new JsonObject();
        JsonObject mean = new JsonObject();
        for (Emotion e : EMOTIONS) {
            top.addProperty(e.label(), topCounts[e.ordinal()]);
            mean.addProperty(e.label(), faces == 0 ? 0 : Math.round(probabilitySums[e.ordinal()] / faces * 1e5) / 1e5);
        }
        o.add("top_counts", top);
        o.add("mean_probabilities", mean);
        o.addProperty("skipped", errors.size());
        return o;
    }

    JsonArray errorsJson() {
        JsonArray a = new JsonArray();
        for (String[] e : errors) {
            JsonObject o = new JsonObject();
            o.addProperty("file", e[0]);
            o.addProperty("error", e[1]);
            a.add(o);
        }
        return a;
    }

    /** The summary as the console shows it. */
    String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d image(s), %d video(s): %d frame(s), %d with faces, %d without; %d face(s)%n",
                images, videos, frames, framesWithFaces, frames - framesWithFaces, faces));
        if (faces > 0) {
            s.append("top emotions:");
            for (Emotion e : EMOTIONS) {
                if (topCounts[e.ordinal()] > 0) {
                    s.append(' ').append(e.label()).append(' ').append(topCounts[e.ordinal()]);
                }
            }
            s.append(System.lineSeparator());
        }
        if (!errors.isEmpty()) {
            s.append(errors.size()).append(" file(s) skipped:").append(System.lineSeparator());
            for (String[] e : errors) {
                s.append("  ").append(e[0]).append(": ").append(e[1]).append(System.lineSeparator());
            }
        }
        return s.toString();
    }
}
