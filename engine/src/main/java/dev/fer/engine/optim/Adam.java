package dev.fer.engine.optim;

import dev.fer.engine.layer.Param;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with bias correction (Keras defaults: beta1 0.9, beta2 0.999, epsilon 1e-7) and optional
 * AdamW-style decoupled weight decay: w -= lr * decay * w on weights (not biases or BN).
 */
public final class Adam extends Optimizer {
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-7f;
    private float weightDecay;
    private final Map<Param, float[][]> moments = new IdentityHashMap<>();

    public Adam(List<Param> params, float learningRate) {
        super(params, learningRate);
        for (Param p : this.params) {
            moments.put(p, new float[][] {new float[p.size()], new float[p.size()]});
        }
    }

    public Adam betas(float beta1, float beta2) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    public Adam epsilon(float epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    /** Decoupled weight decay (AdamW); 0 = plain Adam. */
    public Adam weightDecay(float decay) {
        this.weightDecay = decay;
        return this;
    }

    /** The first and second moments. */
    @Override
    protected float[][] state(Param p) {
        return moments.get(p);
    }

    @Override
    protected void update(Param p) {
        float[][] mv = moments.get(p);
        float[] m = mv[0];
        float[] v = mv[1];
        float[] w = p.value;
        float[] g = p.grad;
        float c1 = (float) (1 - Math.pow(beta1, steps));
        float c2 = (float) (1 - Math.pow(beta2, steps));
        float stepSize = learningRate / c1;
        float invC2 = 1f / c2;
        float decay = p.decays() ? learningRate * weightDecay : 0f;
        float b1 = beta1;
        float b2 = beta2;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= stepSize * mi / ((float) Math.sqrt(vi * invC2) + epsilon) + decay * w[i];
        }
    }
}
