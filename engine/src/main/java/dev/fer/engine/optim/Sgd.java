package dev.fer.engine.optim;

import dev.fer.engine.layer.Param;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum (PyTorch form: v = mu v + g) and optional Nesterov (w -= lr (g + mu v)), and
 * optional L2 weight decay in PyTorch's form: g + decay * w enters the momentum, on weights (not
 * biases or BN). Coupled rather than decoupled as in {@link Adam}: with SGD the two differ only by
 * the learning rate's factor, and the coupled form is the one the SGD recipes in the literature use.
 */
public final class Sgd extends Optimizer {
    private final float momentum;
    private final boolean nesterov;
    private final Map<Param, float[]> velocity = new IdentityHashMap<>();
    private float weightDecay;

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

    /** L2 weight decay (0 = none): the gradient of (decay / 2) |w|^2 is added to every weight's gradient. */
    public Sgd weightDecay(float decay) {
        if (!(decay >= 0f)) {
            throw new IllegalArgumentException("weight decay must be >= 0: " + decay);
        }
        this.weightDecay = decay;
        return this;
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
        float decay = p.decays() ? weightDecay : 0f;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + decay * w[i];
            float vi = mu * v[i] + gi;
            v[i] = vi;
            w[i] -= lr * (nesterov ? gi + mu * vi : vi);
        }
    }
}
