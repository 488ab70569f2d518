package dev.fer.detector.haar;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API arithmetic both stump kernels share ({@link FirstStageKernel} on consecutive
 * windows, {@link SurvivorKernel} on gathered ones): one stage's sum for {@link #LANES} windows.
 * Every lane does exactly the scalar arithmetic of {@code WindowScanner.haarStumps} (ints for
 * rectangle sums, float products and sums without fusing, the stage sum in double, in the same
 * order), so the outcome is bit for bit the same.
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

    /**
     * The sum of stumps {@code [stump, end)} (one stage) for the lanes' windows: windows
     * {@code p .. p + LANES - 1} when {@code pos} is null, else the windows at integral positions
     * {@code pos[k .. k + LANES - 1]}.
     */
    static DoubleVector stageSum(int[] a, int p, int[] pos, int k, FloatVector vnf, int stump, int end, StumpTables t) {
        DoubleVector stage = DoubleVector.zero(D);
        int[] offsets = t.featureOffsets;
        float[] weights = t.featureWeights;
        for (; stump < end; stump++) {
            int f = t.stumpFeature[stump];
            int o = 12 * f;
            FloatVector ret = toFloat(rect(a, p, pos, k, offsets, o)).mul(weights[3 * f])
                    .add(toFloat(rect(a, p, pos, k, offsets, o + 4)).mul(weights[3 * f + 1]));
            if (t.threeRects[f]) {
                ret = ret.add(toFloat(rect(a, p, pos, k, offsets, o + 8)).mul(weights[3 * f + 2]));
            }
            VectorMask<Float> goesLeft = ret.mul(vnf).compare(VectorOperators.LT, t.stumpThreshold[stump]);
            stage = stage.add(DoubleVector.broadcast(D, t.stumpRight[stump])
                    .blend(DoubleVector.broadcast(D, t.stumpLeft[stump]), goesLeft.cast(D)));
        }
        return stage;
    }

    /**
     * {@code a[w+o0] - a[w+o1] - a[w+o2] + a[w+o3]} (the four corner offsets from {@code offsets[o]})
     * for each lane's window {@code w}: consecutive from {@code p}, or gathered from {@code pos}.
     */
    static IntVector rect(int[] a, int p, int[] pos, int k, int[] offsets, int o) {
        if (pos == null) {
            return IntVector.fromArray(I, a, p + offsets[o]).sub(IntVector.fromArray(I, a, p + offsets[o + 1]))
                    .sub(IntVector.fromArray(I, a, p + offsets[o + 2])).add(IntVector.fromArray(I, a, p + offsets[o + 3]));
        }
        return IntVector.fromArray(I, a, offsets[o], pos, k).sub(IntVector.fromArray(I, a, offsets[o + 1], pos, k))
                .sub(IntVector.fromArray(I, a, offsets[o + 2], pos, k)).add(IntVector.fromArray(I, a, offsets[o + 3], pos, k));
    }

    static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
    }
}
