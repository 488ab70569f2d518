package dev.fer.engine.tensor;

/**
 * A batch of samples on a plain {@code float[]}.
 *
 * <p><b>Layout: NHWC (channels-last).</b> Element (n, y, x, c) lives at
 * {@code ((n * height + y) * width + x) * channels + c}. Why channels-last on this CPU:
 * <ul>
 *   <li>a convolution patch row (KW pixels x all input channels) is one contiguous run, so the
 *       convolution GEMM reads its rows straight from the (padded) input without an im2col copy;</li>
 *   <li>the GEMM output [pixels][out channels] is already the NHWC output, no transpose;</li>
 *   <li>bias, batch norm, pooling and depthwise convolution are vectorized along the contiguous
 *       channel axis (16 floats per AVX-512 register: every FER layer has 32..512 channels);</li>
 *   <li>flatten keeps Keras' (channels_last) order, and PyTorch's faster CPU layout is the same.</li>
 * </ul>
 *
 * <p>{@code data} may be longer than {@code batch * shape.size()}: buffers are reused across
 * batch sizes to keep the hot path free of allocation.
 */
public final class Tensor {
    public final Shape shape;
    public int batch;
    public float[] data;

    public Tensor(Shape shape, int batch, float[] data) {
        if (data.length < (long) batch * shape.size()) {
            throw new IllegalArgumentException("data holds " + data.length + " floats, batch " + batch + " of "
                    + shape + " needs " + (long) batch * shape.size());
        }
        this.shape = shape;
        this.batch = batch;
        this.data = data;
    }

    public Tensor(Shape shape, int batch) {
        this(shape, batch, new float[Math.multiplyExact(batch, shape.size())]);
    }

    /** Number of valid floats: batch x sample size. */
    public int size() {
        return batch * shape.size();
    }

    /** Index of element (n, y, x, c) in {@link #data}. */
    public int index(int n, int y, int x, int c) {
        return ((n * shape.height() + y) * shape.width() + x) * shape.channels() + c;
    }

    public float get(int n, int y, int x, int c) {
        return data[index(n, y, x, c)];
    }

    /**
     * Returns a tensor of this shape holding {@code batch} samples, reusing {@code reuse} when its
     * buffer is large enough (no allocation after warm-up).
     */
    public static Tensor reuse(Tensor reuse, Shape shape, int batch) {
        if (reuse != null && reuse.shape.equals(shape) && reuse.data.length >= batch * shape.size()) {
            reuse.batch = batch;
            return reuse;
        }
        return new Tensor(shape, batch);
    }
}
