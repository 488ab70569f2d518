package dev.fer.engine.layer;

/** Average pooling (default: stride = pool size, 'valid'); 'same' averages the valid part of a window. */
public final class AveragePool2D extends Pooling {
    public AveragePool2D(int pool) {
        this(pool, pool, Padding.VALID);
    }

    public AveragePool2D(int pool, int stride, Padding padding) {
        super(pool, stride, padding);
    }

    public static AveragePool2D fromConfig(LayerConfig c) {
        return new AveragePool2D(c.integer("pool"), c.integer("stride"), c.padding("padding"));
    }

    @Override
    protected void forwardImage(int n) {
        kernels.avgPoolForward(g, x.data, n * in.size(), y.data, n * out.size());
    }

    @Override
    protected void backwardImage(int n) {
        kernels.avgPoolBackward(g, dy.data, n * out.size(), dx.data, n * in.size());
    }

    @Override
    public String kind() {
        return "AveragePool2D";
    }
}
