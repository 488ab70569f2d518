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

    /** Sets the step count, for a run resumed from a checkpoint (Adam's bias correction depends on it). */
    public final void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + steps);
        }
        this.steps = steps;
    }

    /**
     * A copy of what this optimizer keeps for {@code p} besides its weights, for a checkpoint: Adam's
     * first and second moments, SGD's velocity; each array has {@code p}'s size.
     */
    public final float[][] exportState(Param p) {
        float[][] live = liveState(p);
        float[][] copy = new float[live.length][];
        for (int i = 0; i < live.length; i++) {
            copy[i] = live[i].clone();
        }
        return copy;
    }

    /** Puts back what {@link #exportState} gave for {@code p}: the same number of arrays, of the same sizes. */
    public final void restoreState(Param p, float[][] saved) {
        float[][] live = liveState(p);
        if (saved.length != live.length) {
            throw new IllegalArgumentException("optimizer state of " + p.name() + ": " + saved.length
                    + " arrays given, " + getClass().getSimpleName() + " keeps " + live.length);
        }
        for (int i = 0; i < live.length; i++) {
            if (saved[i].length != live[i].length) {
                throw new IllegalArgumentException("optimizer state of " + p.name() + ": array " + i + " has "
                        + saved[i].length + " values, the parameter " + live[i].length);
            }
            System.arraycopy(saved[i], 0, live[i], 0, live[i].length);
        }
    }

    private float[][] liveState(Param p) {
        float[][] live = state(p);
        if (live == null) {
            throw new IllegalArgumentException(p.name() + " is not a trainable parameter of this optimizer");
        }
        return live;
    }

    /** The arrays this optimizer updates for {@code p} (not copies), or null for a parameter it does not train. */
    protected abstract float[][] state(Param p);

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
