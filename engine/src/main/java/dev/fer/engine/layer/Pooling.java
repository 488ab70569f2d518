package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.WindowGeometry;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** 2-D pooling over windows, images split over threads; subclasses call the kernels. */
public abstract class Pooling extends BaseLayer {
    protected final int pool;
    protected final int stride;
    protected final Padding padding;
    protected WindowGeometry g;
    protected Kernels kernels;
    protected Tensor x;
    protected Tensor y;
    protected Tensor dy;
    protected Tensor dx;
    private final Workers.Loop forwardLoop = (n0, n1, slot) -> {
        for (int n = n0; n < n1; n++) {
            forwardImage(n);
        }
    };
    private final Workers.Loop backwardLoop = (n0, n1, slot) -> {
        for (int n = n0; n < n1; n++) {
            backwardImage(n);
        }
    };

    protected Pooling(int pool, int stride, Padding padding) {
        if (pool <= 0 || stride <= 0) {
            throw new IllegalArgumentException("pool size and stride must be positive");
        }
        this.pool = pool;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    protected Shape init(Shape input, Random random) {
        g = WindowGeometry.of(input.height(), input.width(), input.channels(), pool, pool, stride, padding == Padding.SAME);
        return Shape.of(input.channels(), g.outHeight(), g.outWidth());
    }

    protected abstract void forwardImage(int n);

    protected abstract void backwardImage(int n);

    protected void prepareForward(int batch) {}

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        kernels = ctx.kernels();
        y = Tensor.reuse(y, out, input.batch);
        prepareForward(input.batch);
        ctx.workers().forEachBalanced(x.batch, 1, 1, forwardLoop);
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
        ctx.workers().forEachBalanced(x.batch, 1, 1, backwardLoop);
        return dx;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("pool", Integer.toString(pool));
        c.put("stride", Integer.toString(stride));
        c.put("padding", padding.toString());
        return c;
    }
}
