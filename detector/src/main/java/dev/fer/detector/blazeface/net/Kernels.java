package dev.fer.detector.blazeface.net;

/**
 * The arithmetic of BlazeFace's layers on NHWC activations (batch 1, channels innermost, as TFLite
 * stores them). Two implementations with the same contract: {@link ScalarKernels}, the plain
 * reference, and {@link VectorKernels} on the Vector API, which tests check against it.
 *
 * <p>Convolution padding follows TFLite: {@code padTop}/{@code padLeft} input cells lie before the
 * image; taps outside the input contribute nothing (zero padding; ignored cells for max pooling).
 */
public interface Kernels {

    /**
     * 1x1 convolution, stride 1: {@code out[p][o] = bias[o] + sum_i in[p][i] * w[i][o]}.
     *
     * @param w weights {@code [cin][cout]} (input channel major, so a row of outputs is contiguous)
     */
    void pointwise(float[] in, int pixels, int cin, float[] w, float[] bias, int cout, float[] out, boolean relu);

    /**
     * General 2-D convolution.
     *
     * @param w weights {@code [kh][kw][cin][cout]}
     */
    void conv(float[] in, int inH, int inW, int cin, float[] w, float[] bias, int cout, int kh, int kw, int stride,
              int padTop, int padLeft, float[] out, int outH, int outW, boolean relu);

    /**
     * Depthwise convolution with depth multiplier 1.
     *
     * @param w weights {@code [kh][kw][c]}
     */
    void depthwise(float[] in, int inH, int inW, int c, float[] w, float[] bias, int kh, int kw, int stride,
                   int padTop, int padLeft, float[] out, int outH, int outW, boolean relu);

    /** Max pooling over {@code kh x kw} windows; cells outside the input are ignored. */
    void maxPool(float[] in, int inH, int inW, int c, int kh, int kw, int stride, int padTop, int padLeft,
                 float[] out, int outH, int outW);

    /** {@code out = a + b} over {@code n} elements (the residual connection), then ReLU if asked. */
    void add(float[] a, float[] b, float[] out, int n, boolean relu);

    /** {@code out = max(in, 0)} over {@code n} elements. */
    void relu(float[] in, float[] out, int n);

    /**
     * Zero-pads the channel axis: each pixel's {@code cin} values land after {@code before} zeros and
     * are followed by {@code cout - before - cin} zeros. BlazeFace widens the residual path this way.
     */
    void padChannels(float[] in, int pixels, int cin, int before, int cout, float[] out);

    /** The Vector API kernels when the runtime has {@code jdk.incubator.vector}, else the scalar ones. */
    static Kernels best() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? new VectorKernels() : new ScalarKernels();
    }
}
