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
    /** Channels of the second input and where they go when it is narrower (a zero-padded shortcut); -1: as wide. */
    private int shortcutChannels = -1;
    private int shortcutBefore;
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

    /**
     * Takes a second input of only {@code channels} channels, added at channel {@code before} as if
     * zero-padded to the first's width (BlazeFace's PAD of the shortcut, without the padded copy).
     */
    public Add shortcutChannels(int before, int channels) {
        if (before < 0 || channels <= 0) {
            throw new IllegalArgumentException("shortcut needs before >= 0 and channels > 0, got " + before + ", "
                    + channels);
        }
        this.shortcutBefore = before;
        this.shortcutChannels = channels;
        return this;
    }

    /** Fixes the shape of the first input and of the output (the second's too, unless narrower). */
    public Shape build(Shape input) {
        if (shortcutChannels >= 0 && shortcutBefore + shortcutChannels > input.channels()) {
            throw new IllegalArgumentException("a shortcut of " + shortcutChannels + " channels at " + shortcutBefore
                    + " does not fit " + input);
        }
        shape = input;
        return input;
    }

    /** {@code a + b} (then ReLU); the result is owned by this op and reused on the next call. */
    public Tensor forward(Tensor a, Tensor b, Context ctx) {
        if (shape == null) {
            throw new IllegalStateException("Add is not built yet: call build(shape)");
        }
        int bSize = shortcutChannels < 0 ? shape.size() : shape.height() * shape.width() * shortcutChannels;
        if (a.shape.size() != shape.size() || b.shape.size() != bSize || a.batch != b.batch) {
            throw new IllegalArgumentException("Add expects tensors of " + shape + " and " + bSize + " floats, got "
                    + a.shape + " x" + a.batch + " and " + b.shape + " x" + b.batch);
        }
        this.a = a;
        this.b = b;
        kernels = GraphKernels.matching(ctx.kernels());
        y = Tensor.reuse(y, shape, a.batch);
        if (task == null) {
            task = (part, parts) -> {
                if (shortcutChannels < 0) {
                    int n = this.a.size();
                    kernels.add(this.a.data, this.b.data, y.data, Workers.splitStart(n, part, parts, 64),
                            Workers.splitStart(n, part + 1, parts, 64), relu);
                } else {
                    int rows = this.a.batch * shape.height() * shape.width();
                    kernels.addPadded(this.a.data, this.b.data, y.data, Workers.splitStart(rows, part, parts, 1),
                            Workers.splitStart(rows, part + 1, parts, 1), shape.channels(), shortcutChannels,
                            shortcutBefore, relu);
                }
            };
        }
        ctx.workers().run(task);
        return y;
    }
}
