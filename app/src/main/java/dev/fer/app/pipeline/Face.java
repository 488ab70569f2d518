package dev.fer.app.pipeline;

import dev.fer.detector.FaceBox;
import dev.fer.trainer.model.Emotion;

/**
 * One face of one frame: where it is, which track it belongs to, and its emotion probabilities.
 *
 * @param trackId       the tracker's id, stable across frames while the face stays in view; 0 when
 *                      tracking is off
 * @param box           the detector's box, in frame pixels
 * @param probabilities one probability per {@link Emotion}, in {@code Emotion.values()} order
 *                      (smoothed when smoothing is on)
 */
public record Face(int trackId, FaceBox box, float[] probabilities) {
    private static final Emotion[] EMOTIONS = Emotion.values();

    public Face {
        if (probabilities.length != EMOTIONS.length) {
            throw new IllegalArgumentException(
                    "expected " + EMOTIONS.length + " probabilities, got " + probabilities.length);
        }
    }

    /** The most probable emotion. */
    public Emotion top() {
        return EMOTIONS[topIndex()];
    }

    /** The probability of {@link #top()}. */
    public float confidence() {
        return probabilities[topIndex()];
    }

    public float probability(Emotion e) {
        return probabilities[e.ordinal()];
    }

    /** The box's area in pixels, to pick the largest face. */
    public long area() {
        return (long) box.width() * box.height();
    }

    private int topIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }
}
