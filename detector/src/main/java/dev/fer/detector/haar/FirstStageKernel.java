package dev.fer.detector.haar;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The variance check and the first stages of a Haar stump cascade for a run of consecutive windows
 * at once, on the Vector API: most windows end there, so this is where the time goes. Every lane
 * does exactly the scalar arithmetic of {@link WindowScanner#firstStagesScalar} (ints for rectangle sums,
 * float products and sums without fusing, double for the variance and the stage sum, in the same
 * order), so the outcome is bit for bit the same; tests check the two against each other.
 *
 * <p>Loaded only where the {@code jdk.incubator.vector} module is present.
 */
final class FirstStageKernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = D.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256.length() == LANES
            ? IntVector.SPECIES_256 : VectorSpecies.of(int.class, VectorShape.forBitSize(32 * LANES));
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, I.vectorShape());
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, D.vectorShape());

    private FirstStageKernel() {}

    /**
     * Windows at integral positions {@code p .. p + count - 1} (count a multiple of {@link #LANES}):
     * writes to {@code code} from index {@code i} -1 (too flat), {@code -s} (rejected by stage s
     * below {@code stages}) or 1 (passed stages {@code 0 .. stages - 1}), and the variance
     * normalisation factor to {@code vnf}. A run of lanes stops early once every lane is out.
     */
    static void run(int[] a, int sqBase, int p, int count, int[] norm, double area, int stages,
                    int[] stageTrees, float[] stageThreshold, int[] offsets, float[] weights, boolean[] threeRects,
                    int[] stumpFeature, float[] threshold, float[] left, float[] right,
                    int[] code, float[] vnfOut, int i) {
        DoubleVector areaV = DoubleVector.broadcast(D, area);
        for (int k = 0; k < count; k += LANES, p += LANES, i += LANES) {
            IntVector sum = rect(a, p, norm[0], norm[1], norm[2], norm[3]);
            IntVector sq = rect(a, p + sqBase, norm[0], norm[1], norm[2], norm[3]);
            DoubleVector sumD = (DoubleVector) sum.convertShape(VectorOperators.I2D, D, 0);
            DoubleVector sqD = (DoubleVector) ((LongVector) sq.convertShape(VectorOperators.I2L, L, 0))
                    .and(0xFFFFFFFFL).convert(VectorOperators.L2D, 0);
            DoubleVector nf = areaV.mul(sqD).sub(sumD.mul(sumD));
            VectorMask<Double> positive = nf.compare(VectorOperators.GT, 0.0);
            FloatVector vnf = (FloatVector) DoubleVector.broadcast(D, 1.0).div(nf.sqrt())
                    .convertShape(VectorOperators.D2F, F, 0);
            DoubleVector vnfD = (DoubleVector) vnf.convertShape(VectorOperators.F2D, D, 0);
            VectorMask<Double> active = positive.and(areaV.mul(vnfD).compare(VectorOperators.LT, 1e-1));
            IntVector result = IntVector.broadcast(I, -1).blend(1, active.cast(I));

            int stump = 0;
            for (int s = 0; s < stages && active.anyTrue(); s++) {
                DoubleVector stage = DoubleVector.zero(D);
                for (int end = stump + stageTrees[s]; stump < end; stump++) {
                    int f = stumpFeature[stump];
                    int o = 12 * f;
                    FloatVector ret = toFloat(rect(a, p, offsets[o], offsets[o + 1], offsets[o + 2], offsets[o + 3]))
                            .mul(weights[3 * f])
                            .add(toFloat(rect(a, p, offsets[o + 4], offsets[o + 5], offsets[o + 6], offsets[o + 7]))
                                    .mul(weights[3 * f + 1]));
                    if (threeRects[f]) {
                        ret = ret.add(toFloat(rect(a, p, offsets[o + 8], offsets[o + 9], offsets[o + 10], offsets[o + 11]))
                                .mul(weights[3 * f + 2]));
                    }
                    VectorMask<Float> goesLeft = ret.mul(vnf).compare(VectorOperators.LT, threshold[stump]);
                    stage = stage.add(DoubleVector.broadcast(D, right[stump])
                            .blend(DoubleVector.broadcast(D, left[stump]), goesLeft.cast(D)));
                }
                VectorMask<Double> rejected = active.and(stage.compare(VectorOperators.LT, stageThreshold[s]));
                result = result.blend(-s, rejected.cast(I));
                active = active.andNot(rejected);
            }
            result.intoArray(code, i);
            vnf.intoArray(vnfOut, i);
        }
    }

    /** {@code a[p+o0] - a[p+o1] - a[p+o2] + a[p+o3]} for the lanes' consecutive windows. */
    private static IntVector rect(int[] a, int p, int o0, int o1, int o2, int o3) {
        return IntVector.fromArray(I, a, p + o0).sub(IntVector.fromArray(I, a, p + o1))
                .sub(IntVector.fromArray(I, a, p + o2)).add(IntVector.fromArray(I, a, p + o3));
    }

    private static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }
}
