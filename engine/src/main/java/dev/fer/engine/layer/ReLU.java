package dev.fer.engine.layer;

import java.util.Map;

/** max(0, x). */
public final class ReLU extends Activation {
    @Override
    protected void apply(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    protected void derive(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public String kind() {
        return "ReLU";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }
}
