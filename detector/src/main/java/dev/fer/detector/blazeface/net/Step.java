package dev.fer.detector.blazeface.net;

/** One executable operation of a compiled {@link Network}; tensors are addressed by their TFLite index. */
interface Step {
    /** Tensor indices this step reads (for buffer lifetimes). */
    int[] reads();

    /** The tensor index this step writes. */
    int writes();

    void run(Kernels kernels, float[][] tensors);
}
