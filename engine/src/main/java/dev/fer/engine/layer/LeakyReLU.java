package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;

import java.util.Map;

/** x for x > 0, alpha * x otherwise (Keras default alpha 0.3). */
public final class LeakyReLU extends Activation {
    private final float alpha;

    public LeakyReLU() {
        this(0.3f);
    }

    public LeakyReLU(float alpha) {
        this.alpha = alpha;
    }

    public static LeakyReLU fromConfig(LayerConfig c) {
        return new LeakyReLU(c.number("alpha"));
    }

    @Override
    protected void apply(Kernels kernels, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : alpha * x[i];
        }
    }

    @Override
    protected void derive(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : alpha * dy[i];
        }
    }

    @Override
    public String kind() {
        return "LeakyReLU";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("alpha", Float.toString(alpha));
    }
}
