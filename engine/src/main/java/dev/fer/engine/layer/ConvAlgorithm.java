package dev.fer.engine.layer;

/**
 * How a {@link Conv2D} computes its inference forward pass. Training follows WINOGRAD (asked for,
 * or by the DEFAULT rule) for its forward pass and input gradient where the output size is even,
 * and takes GEMM otherwise; both are deterministic, so training stays bit-reproducible. The
 * weight gradient is always GEMM.
 */
public enum ConvAlgorithm {
    /**
     * A fixed rule (so results do not depend on timing): WINOGRAD for 3x3 stride-1 layers with at
     * least 64 input channels, where it measured clearly faster, GEMM for the others.
     */
    DEFAULT,
    /** Implicit GEMM on the padded NHWC input. */
    GEMM,
    /** FFT convolution with JTransforms (stride 1 only). */
    FFT,
    /** Winograd F(2x2, 3x3): 2.25 times fewer multiply-adds (3x3 kernels, stride 1 only). */
    WINOGRAD,
    /**
     * cuDNN benchmark style: the first inference forward times both algorithms on the real input
     * (after one warm-up call each) and keeps the fastest for this layer.
     */
    AUTO
}
