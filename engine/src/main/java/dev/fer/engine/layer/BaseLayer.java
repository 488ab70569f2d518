package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;

import java.util.Random;

/** Shape bookkeeping shared by the layers. */
public abstract class BaseLayer implements Layer {
    protected Shape in;
    protected Shape out;
    protected boolean needInputGradient = true;

    @Override
    public final Shape build(Shape input, Random init) {
        if (in != null && !in.equals(input)) {
            throw new IllegalStateException(kind() + " already built for input " + in + ", not " + input);
        }
        if (in == null) {
            in = input;
            out = init(input, init);
        }
        return out;
    }

    /** Computes the output shape and allocates/initializes parameters. */
    protected abstract Shape init(Shape input, Random random);

    @Override
    public Shape inputShape() {
        return requireBuilt(in);
    }

    @Override
    public Shape outputShape() {
        return requireBuilt(out);
    }

    private Shape requireBuilt(Shape s) {
        if (s == null) {
            throw new IllegalStateException(kind() + " is not built yet: call build(inputShape, random)");
        }
        return s;
    }

    @Override
    public void inputGradient(boolean needed) {
        this.needInputGradient = needed;
    }

    protected void checkInput(dev.fer.engine.tensor.Tensor x) {
        if (in == null) {
            throw new IllegalStateException(kind() + " is not built yet: call build(inputShape, random)");
        }
        if (x.shape.size() != in.size()) {
            throw new IllegalArgumentException(kind() + " expects input " + in + ", got " + x.shape);
        }
    }

    /** He-normal initialization (std = sqrt(2 / fanIn)). */
    protected static void heNormal(float[] w, int fanIn, Random random) {
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
    }

    @Override
    public String toString() {
        return kind() + config() + (out == null ? "" : " -> " + out);
    }
}
