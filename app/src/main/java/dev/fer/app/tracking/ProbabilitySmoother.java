package dev.fer.app.tracking;

import java.util.HashMap;
import java.util.Map;

/**
 * Smooths each track's emotion probabilities over time so the label does not flicker from frame
 * to frame.
 *
 * <p>An exponential moving average with a time constant rather than a per-frame factor: the
 * weight of a new frame is {@code 1 - exp(-dt / tau)}, so the smoothing feels the same at 10 fps
 * and at 60 fps, and a track that was not seen for a while catches up at once. The average of
 * probability vectors is again a probability vector, so the result still sums to 1.
 */
public final class ProbabilitySmoother {
    private final double tauSeconds;
    private final Map<Integer, State> states = new HashMap<>();

    private static final class State {
        final float[] mean;
        double lastSeconds;

        State(float[] first, double seconds) {
            mean = first.clone();
            lastSeconds = seconds;
        }
    }

    /** @param tauSeconds the time constant: after {@code tau} an old value has 37% weight left */
    public ProbabilitySmoother(double tauSeconds) {
        if (!(tauSeconds > 0)) {
            throw new IllegalArgumentException("tau must be > 0 seconds, got " + tauSeconds);
        }
        this.tauSeconds = tauSeconds;
    }

    /**
     * Folds the new probabilities of track {@code trackId} at time {@code seconds} into its average
     * and overwrites {@code probabilities} with the smoothed values.
     */
    public void smooth(int trackId, double seconds, float[] probabilities) {
        State s = states.get(trackId);
        if (s == null) {
            states.put(trackId, new State(probabilities, seconds));
            return;
        }
        double dt = Math.max(0, seconds - s.lastSeconds);
        float alpha = (float) (1 - Math.exp(-dt / tauSeconds));
        for (int i = 0; i < probabilities.length; i++) {
            s.mean[i] += alpha * (probabilities[i] - s.mean[i]);
            probabilities[i] = s.mean[i];
        }
        s.lastSeconds = seconds;
    }

    /** Drops the state of every track not in {@code liveIds} (the tracker ended them). */
    public void retain(int[] liveIds) {
        states.keySet().removeIf(id -> {
            for (int live : liveIds) {
                if (live == id) {
                    return false;
                }
            }
            return true;
        });
    }

    public void reset() {
        states.clear();
    }
}
