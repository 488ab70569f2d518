package dev.fer.engine.optim;

import dev.fer.engine.layer.Param;

import java.util.List;

/** Updates the trainable parameters from their gradients; {@link #step()} after each training step. */
public abstract class Optimizer {
    protected final List<Param> params;
    protected float learningRate;
    protected long steps;

    protected Optimizer(List<Param> params, float learningRate) {
        this.params = params.stream().filter(Param::trainable).toList();
        this.learningRate = checkedRate(learningRate);
    }

    public float learningRate() {
        return learningRate;
    }

    /** Sets the rate for the next steps (what a schedule calls each epoch). */
    public final void learningRate(float rate) {
        this.learningRate = checkedRate(rate);
    }

    private static float checkedRate(float rate) {
        if (!(rate >= 0f) || Float.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a non-negative number: " + rate);
        }
        return rate;
    }

    public long steps() {
        return steps;
    }

    /** Applies one update to every trainable parameter (gradients are left as they are). */
    public final void step() {
        steps++;
        for (Param p : params) {
            update(p);
            p.changed();
        }
    }

    protected abstract void update(Param p);
}
