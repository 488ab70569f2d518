package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Random;

/** An element-wise activation; subclasses give the function and its derivative. */
public abstract class Activation extends BaseLayer {
    private Kernels kernels;
    private Tensor x;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;
    private final Workers.Loop forwardLoop = (from, to, slot) -> apply(kernels, x.data, y.data, from, to);
    private final Workers.Loop backwardLoop = (from, to, slot) -> derive(kernels, x.data, y.data, dy.data, dx.data, from, to);

    @Override
    protected Shape init(Shape input, Random random) {
        return input;
    }

    /** y[i] = f(x[i]) for i in [from, to). */
    protected abstract void apply(Kernels kernels, float[] x, float[] y, int from, int to);

    /** dx[i] = dy[i] * f'(x[i]) (y = f(x) is given too) for i in [from, to). */
    protected abstract void derive(Kernels kernels, float[] x, float[] y, float[] dy, float[] dx, int from, int to);

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        kernels = ctx.kernels();
        y = Tensor.reuse(y, out, input.batch);
        forEachElement(ctx, x.size(), forwardLoop);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != x.batch) {
            throw new IllegalStateException(kind() + ".backward without a matching forward");
        }
        if (!needInputGradient) {
            return null;
        }
        dy = gradOut;
        dx = Tensor.reuse(dx, in, x.batch);
        forEachElement(ctx, x.size(), backwardLoop);
        return dx;
    }
}
