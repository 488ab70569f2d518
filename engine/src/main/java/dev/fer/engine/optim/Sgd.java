package dev.fer.engine.optim;

import dev.fer.engine.layer.Param;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** SGD with momentum (PyTorch form: v = mu v + g) and optional Nesterov (w -= lr (g + mu v)). */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;
    private final Map<Param, float[]> velocity = new IdentityHashMap<>();

    public Sgd(List<Param> params, float learningRate) {
        this(params, learningRate, 0f, false);
    }

    public Sgd(List<Param> params, float learningRate, float momentum, boolean nesterov) {
        super(params, learningRate);
        if (momentum < 0f || momentum >= 1f) {
            throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        for (Param p : this.params) {
            velocity.put(p, new float[p.size()]);
        }
    }

    /** The velocity. */
    @Override
    protected float[][] state(Param p) {
        float[] v = velocity.get(p);
        return v == null ? null : new float[][] {v};
    }

    @Override
    protected void update(Param p) {
        float[] v = velocity.get(p);
        float[] w = p.value;
        float[] g = p.grad;
        float mu = momentum;
        float lr = learningRate;
        for (int i = 0; i < w.length; i++) {
            float vi = mu * v[i] + g[i];
            v[i] = vi;
            w[i] -= lr * (nesterov ? g[i] + mu * vi : vi);
        }
    }
}
