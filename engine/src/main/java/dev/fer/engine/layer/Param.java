package dev.fer.engine.layer;

/**
 * A named parameter array of a layer with its gradient. Trainable parameters have a gradient
 * array; state such as batch-norm running averages does not, but is saved with the model.
 *
 * <p>{@link #version()} changes whenever the values change (optimizer step, load, fold), so a
 * layer can cache a packed copy of its weights for inference.
 */
public final class Param {
    private final String name;
    public final float[] value;
    /** Null for non-trainable state. */
    public final float[] grad;
    private final boolean decays;
    private float l2;
    private int version;

    private Param(String name, float[] value, boolean trainable, boolean decays) {
        this.name = name;
        this.value = value;
        this.grad = trainable ? new float[value.length] : null;
        this.decays = decays;
    }

    /** A weight: trainable, subject to L2 and weight decay. */
    public static Param weight(String name, int size) {
        return new Param(name, new float[size], true, true);
    }

    /** A bias or BN scale/offset: trainable, never decayed. */
    public static Param bias(String name, int size) {
        return new Param(name, new float[size], true, false);
    }

    /** Saved state that is not trained by gradient (BN running mean/variance). */
    public static Param state(String name, int size) {
        return new Param(name, new float[size], false, false);
    }

    public String name() {
        return name;
    }

    public int size() {
        return value.length;
    }

    public boolean trainable() {
        return grad != null;
    }

    /** True for weights (L2 and decoupled weight decay apply), false for biases and BN parameters. */
    public boolean decays() {
        return decays;
    }

    /** Keras-style L2 coefficient: adds l2 * sum(w^2) to the loss. */
    public float l2() {
        return l2;
    }

    public void l2(float coefficient) {
        if (coefficient < 0 || !decays) {
            throw new IllegalArgumentException("L2 " + coefficient + " not allowed on " + name);
        }
        this.l2 = coefficient;
    }

    public int version() {
        return version;
    }

    /** Call after changing {@link #value} in place. */
    public void changed() {
        version++;
    }
}
