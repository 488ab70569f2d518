package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;

import java.util.Map;

/** max(0, x). */
public final class ReLU extends Activation {
    @Override
    protected void apply(Kernels kernels, float[] x, float[] y, int from, int to) {
        kernels.reluForward(x, y, from, to);
    }

    @Override
    protected void derive(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        kernels.reluBackward(x, dy, dx, from, to);
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
