package dev.fer.engine.layer;

/**
 * How a {@link Conv2D} computes its inference forward pass. Training always uses GEMM (its
 * backward passes need the same padded input, and GEMM keeps training bit-reproducible).
 */
public enum ConvAlgorithm {
    /** Implicit GEMM on the padded NHWC input (default). */
    GEMM,
    /** FFT convolution with JTransforms (stride 1 only). */
    FFT,
    /**
     * cuDNN benchmark style: the first inference forward times both algorithms on the real input
     * (after one warm-up call each) and keeps the faster for this layer.
     */
    AUTO
}
