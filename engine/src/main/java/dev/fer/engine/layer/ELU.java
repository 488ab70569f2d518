package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;

import java.util.Map;

/** x for x > 0, alpha * (exp(x) - 1) otherwise (default alpha 1). */
public final class ELU extends Activation {
    private final float alpha;

    public ELU() {
        this(1f);
    }

    public ELU(float alpha) {
        this.alpha = alpha;
    }

    public static ELU fromConfig(LayerConfig c) {
        return new ELU(c.number("alpha"));
    }

    @Override
    protected void apply(Kernels kernels, float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] > 0f ? x[i] : alpha * (float) Math.expm1(x[i]);
        }
    }

    @Override
    protected void derive(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : dy[i] * (y[i] + alpha);
        }
    }

    @Override
    public String kind() {
        return "ELU";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("alpha", Float.toString(alpha));
    }
}
