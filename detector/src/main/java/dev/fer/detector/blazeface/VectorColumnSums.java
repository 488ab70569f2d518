package dev.fer.detector.blazeface;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** {@link ColumnSums#add} on the Vector API; loaded only where the module is present. */
final class VectorColumnSums {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** As many bytes as I has ints, so one load widens into one int vector. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * I.length()));

    private VectorColumnSums() {}

    /** Adds whole vectors from {@code from} on; returns where it stopped (the caller does the rest). */
    static int add(byte[] src, int off, int[] sums, int from, int to) {
        int i = from;
        for (int end = to - I.length(); i <= end; i += I.length()) {
            IntVector wide = (IntVector) ByteVector.fromArray(B, src, off + i)
                    .convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
            IntVector.fromArray(I, sums, i).add(wide).intoArray(sums, i);
        }
        return i;
    }
}
