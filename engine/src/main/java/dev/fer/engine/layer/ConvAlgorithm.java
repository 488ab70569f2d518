package dev.fer.engine.layer;

/**
 * How a {@link Conv2D} computes its inference forward pass. Training follows WINOGRAD_4X4 or
 * WINOGRAD (asked for, or by the DEFAULT rule) for its forward pass and input gradient where
 * the output size is a multiple of 4 (F(4x4)) or even (F(2x2)), and takes GEMM otherwise; all
 * are deterministic, so training stays bit-reproducible. The weight gradient is always GEMM.
 */
public enum ConvAlgorithm {
    /**
     * A fixed rule (so results do not depend on timing), for 3x3 stride-1 layers: WINOGRAD_4X4
     * from 32 input channels where 4x4 tiles fit the output well, else WINOGRAD from 64 input
     * channels, where each measured clearly faster; GEMM for the other layers.
     */
    DEFAULT,
    /** Implicit GEMM on the padded NHWC input. */
    GEMM,
    /** FFT convolution with JTransforms (stride 1 only). */
    FFT,
    /** Winograd F(2x2, 3x3): 2.25 times fewer multiply-adds (3x3 kernels, stride 1 only). */
    WINOGRAD,
    /**
     * Winograd F(4x4, 3x3): 4 times fewer multiply-adds, at the price of about three bits of
     * rounding (3x3 kernels, stride 1 only).
     */
    WINOGRAD_4X4,
    /**
     * cuDNN benchmark style: the first inference forward times both algorithms on the real input
     * (after one warm-up call each) and keeps the fastest for this layer.
     */
    AUTO
}
