package dev.fer.engine.layer;

import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;

import java.util.Iterator;
import java.util.Random;

/** Shape bookkeeping shared by the layers. */
public abstract class BaseLayer implements Layer {
    /**
     * Fewest elements in a piece of an element-wise pass that the threads claim: these passes are
     * memory-bound, and a piece must be long enough that claiming it costs nothing next to it.
     */
    protected static final int ELEMENTS_PER_PIECE = 4096;
    /** Element pieces start on whole 64-element lines, so the vector loops run without heads. */
    private static final int ELEMENT_ALIGN = 64;

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

    /** Runs an element-wise {@code loop} over [0, n) in pieces the threads claim. */
    protected static void forEachElement(Context ctx, int n, Workers.Loop loop) {
        ctx.workers().forEachBalanced(n, ELEMENTS_PER_PIECE, ELEMENT_ALIGN, loop);
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

    /**
     * The parameters a replica adopts while it is built (see {@link #replica()}), in
     * {@link #params()} order. Thread-local rather than a field because a composite layer
     * (SeparableConv2D) builds its sub-layers inside {@code init}, and they adopt from the same
     * sequence.
     */
    private static final ThreadLocal<Iterator<Param>> ADOPTED = new ThreadLocal<>();

    /**
     * Every {@code init} passes each new parameter through here once it is initialized: the
     * parameter itself normally, the original layer's (same object: same values, same version)
     * while a replica is being built.
     */
    protected static Param adopt(Param fresh) {
        Iterator<Param> shared = ADOPTED.get();
        if (fresh == null || shared == null) {
            return fresh;
        }
        if (!shared.hasNext()) {
            throw new IllegalStateException("replica creates parameter " + fresh.name() + " that the original lacks");
        }
        Param original = shared.next();
        if (!original.name().equals(fresh.name()) || original.size() != fresh.size()) {
            throw new IllegalStateException("replica parameter " + fresh.name() + " [" + fresh.size()
                    + "] does not match the original's " + original.name() + " [" + original.size() + "]");
        }
        return original;
    }

    /** A layer of this kind and settings, built for the same input, on this layer's parameter objects. */
    @Override
    public Layer replica() {
        Layer copy = LayerRegistry.create(kind(), new LayerConfig(kind(), config()));
        Iterator<Param> shared = params().iterator();
        ADOPTED.set(shared);
        try {
            copy.build(inputShape(), new Random(0));
        } finally {
            ADOPTED.remove();
        }
        if (shared.hasNext()) {
            throw new IllegalStateException("replica of " + kind() + " did not adopt parameter " + shared.next().name());
        }
        return copy;
    }

    @Override
    public String toString() {
        return kind() + config() + (out == null ? "" : " -> " + out);
    }
}
