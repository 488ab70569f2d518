package dev.fer.engine.layer;

/** Max pooling (default: stride = pool size, 'valid'); remembers each window's argmax for backward. */
public final class MaxPool2D extends Pooling {
    private int[] argmax;

    public MaxPool2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public MaxPool2D(int pool, int stride, Padding padding) {
        super(pool, stride, padding);
    }

    public static MaxPool2D fromConfig(LayerConfig c) {
        return new MaxPool2D(c.integer("pool"), c.integer("stride"), c.padding("padding"));
    }

    @Override
    protected void prepareForward(int batch) {
        int n = batch * out.size();
        if (argmax == null || argmax.length < n) {
            argmax = new int[n];
        }
    }

    @Override
    protected void forwardImage(int n) {
        kernels.maxPoolForward(g, x.data, n * in.size(), y.data, n * out.size(), argmax, n * out.size());
    }

    @Override
    protected void backwardImage(int n) {
        kernels.maxPoolBackward(g, dy.data, n * out.size(), argmax, n * out.size(), dx.data, n * in.size());
    }

    /** Whether this is the plain halving pool: 2x2 windows, stride 2, no padding. */
    public boolean halves() {
        return pool == 2 && stride == 2 && padding == Padding.VALID;
    }

    @Override
    public String kind() {
        return "MaxPool2D";
    }
}
