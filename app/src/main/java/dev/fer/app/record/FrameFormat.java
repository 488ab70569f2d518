package dev.fer.app.record;

import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.detector.FaceBox;
import dev.fer.trainer.model.Emotion;
import java.time.Instant;

/** The field names and number formats shared by the CSV and JSON outputs. */
final class FrameFormat {
    private FrameFormat() {}

    /** The label of a frame without faces, in place of the top emotion. */
    static final String NO_FACE = "no face";

    static final Emotion[] EMOTIONS = Emotion.values();

    static String key(Emotion e) {
        return e.label();
    }

    /** Probabilities with 5 decimals: finer than any model's calibration, and short. */
    static double round(float p) {
        return Math.round(p * 1e5) / 1e5;
    }

    /** A probability as CSV text: 5 decimals, never scientific notation ({@code 0.00006}, not {@code 6.0E-5}). */
    static String decimal(float p) {
        return String.format(java.util.Locale.ROOT, "%.5f", p);
    }

    static double roundSeconds(double s) {
        return Math.round(s * 1e3) / 1e3;
    }

    static String timestamp(AnalyzedFrame frame) {
        return Instant.ofEpochMilli(frame.epochMillis()).toString();
    }

    static int[] box(Face face) {
        FaceBox b = face.box();
        return new int[] {b.x(), b.y(), b.width(), b.height()};
    }
}
