package dev.fer.engine.layer;

import dev.fer.engine.kernel.GraphKernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

/**
 * Element-wise sum of two tensors of one shape, the residual connection of ResNet-style blocks
 * (BlazeFace: block output + shortcut), optionally followed by ReLU. A graph operation with two
 * inputs for hand-built inference graphs: forward only, so not a {@link Layer} of a Sequential.
 */
public final class Add {
    private final boolean relu;
    private Shape shape;
    private Tensor y;
    private Tensor a;
    private Tensor b;
    private GraphKernels kernels;
    private Workers.Task task;

    /** @param relu apply {@code max(0, .)} to the sum (the ReLU that follows BlazeFace's residual adds) */
    public Add(boolean relu) {
        this.relu = relu;
    }

    /** Fixes the shape of both inputs and of the output. */
    public Shape build(Shape input) {
        shape = input;
        return input;
    }

    /** {@code a + b} (then ReLU); the result is owned by this op and reused on the next call. */
    public Tensor forward(Tensor a, Tensor b, Context ctx) {
        if (shape == null) {
            throw new IllegalStateException("Add is not built yet: call build(shape)");
        }
        if (a.shape.size() != shape.size() || b.shape.size() != shape.size() || a.batch != b.batch) {
            throw new IllegalArgumentException("Add expects two tensors of " + shape + ", got " + a.shape + " x"
                    + a.batch + " and " + b.shape + " x" + b.batch);
        }
        this.a = a;
        this.b = b;
        kernels = GraphKernels.matching(ctx.kernels());
        y = Tensor.reuse(y, shape, a.batch);
        if (task == null) {
            task = (part, parts) -> {
                int n = this.a.size();
                kernels.add(this.a.data, this.b.data, y.data, Workers.splitStart(n, part, parts, 64),
                        Workers.splitStart(n, part + 1, parts, 64), relu);
            };
        }
        ctx.workers().run(task);
        return y;
    }
}
