package dev.fer.detector.haar;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes both stump kernels use ({@link FirstStageKernel} on consecutive windows,
 * {@link SurvivorKernel} on gathered ones): {@link #LANES} windows at once, rectangle sums in ints,
 * feature values in floats, stage sums in doubles.
 *
 * <p>Why each kernel writes its stump arithmetic out in its own loop rather than calling a shared
 * helper: a vector that crosses a call the JIT does not inline is boxed, and C2 stops inlining our
 * (not force-inlined) methods once a method has grown big, which vector code does quickly. With
 * helpers, a frame allocated hundreds of megabytes of vector boxes and ran at a fraction of the
 * speed. Keep the kernels' loops free of calls to our own methods.
 *
 * <p>Loaded only where the {@code jdk.incubator.vector} module is present.
 */
final class StumpLanes {
    /** Doubles set the lane count: the stage sums are doubles, and 8 of them fill an AVX-512 register. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = D.length();
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(32 * LANES));
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, I.vectorShape());

    private StumpLanes() {}
}
