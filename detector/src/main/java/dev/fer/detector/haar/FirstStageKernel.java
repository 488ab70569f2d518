package dev.fer.detector.haar;

import static dev.fer.detector.haar.StumpLanes.D;
import static dev.fer.detector.haar.StumpLanes.F;
import static dev.fer.detector.haar.StumpLanes.I;
import static dev.fer.detector.haar.StumpLanes.LANES;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The variance check and the first stages of a Haar stump cascade for a run of consecutive windows
 * at once, on the Vector API: most windows end there, and while most lanes are still in, loading
 * consecutive windows is far cheaper than gathering them. Every lane does exactly the scalar
 * arithmetic of the scalar {@code WindowScanner.classify} (ints for rectangle sums, float products
 * and sums without fusing, double for the variance and the stage sums, in the same order), so the
 * outcome is bit for bit the same; tests check the two against each other.
 *
 * <p>Loaded only where the {@code jdk.incubator.vector} module is present.
 */
final class FirstStageKernel {
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, D.vectorShape());

    private FirstStageKernel() {}

    /**
     * Windows at integral positions {@code p .. p + count - 1} (count a multiple of {@link StumpLanes#LANES}):
     * writes to {@code code} from index {@code i} -1 (too flat), {@code -s} (rejected by stage s
     * below {@code stages}) or 1 (passed stages {@code 0 .. stages - 1}), and the variance
     * normalisation factor to {@code vnf}. A run of lanes stops early once every lane is out.
     */
    static void run(int[] a, int sqBase, int p, int count, int[] norm, double area, int stages, StumpTables t,
                    int[] code, float[] vnfOut, int i) {
        DoubleVector areaV = DoubleVector.broadcast(D, area);
        for (int k = 0; k < count; k += LANES, p += LANES, i += LANES) {
            IntVector sum = IntVector.fromArray(I, a, p + norm[0]).sub(IntVector.fromArray(I, a, p + norm[1]))
                    .sub(IntVector.fromArray(I, a, p + norm[2])).add(IntVector.fromArray(I, a, p + norm[3]));
            int q = p + sqBase;
            IntVector sq = IntVector.fromArray(I, a, q + norm[0]).sub(IntVector.fromArray(I, a, q + norm[1]))
                    .sub(IntVector.fromArray(I, a, q + norm[2])).add(IntVector.fromArray(I, a, q + norm[3]));
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

            for (int s = 0; s < stages && active.anyTrue(); s++) {
                DoubleVector stage = DoubleVector.zero(D);
                for (int stump = t.stageFirstStump[s], end = t.stageFirstStump[s + 1]; stump < end; stump++) {
                    // written out, not shared with SurvivorKernel: see StumpLanes
                    int f = t.stumpFeature[stump];
                    int o = 12 * f;
                    int[] off = t.featureOffsets;
                    FloatVector r0 = (FloatVector) IntVector.fromArray(I, a, p + off[o]).sub(IntVector.fromArray(I, a, p + off[o + 1]))
                            .sub(IntVector.fromArray(I, a, p + off[o + 2])).add(IntVector.fromArray(I, a, p + off[o + 3]))
                            .convertShape(VectorOperators.I2F, F, 0);
                    FloatVector r1 = (FloatVector) IntVector.fromArray(I, a, p + off[o + 4]).sub(IntVector.fromArray(I, a, p + off[o + 5]))
                            .sub(IntVector.fromArray(I, a, p + off[o + 6])).add(IntVector.fromArray(I, a, p + off[o + 7]))
                            .convertShape(VectorOperators.I2F, F, 0);
                    FloatVector value = r0.mul(t.featureWeights[3 * f]).add(r1.mul(t.featureWeights[3 * f + 1]));
                    if (t.threeRects[f]) {
                        FloatVector r2 = (FloatVector) IntVector.fromArray(I, a, p + off[o + 8]).sub(IntVector.fromArray(I, a, p + off[o + 9]))
                                .sub(IntVector.fromArray(I, a, p + off[o + 10])).add(IntVector.fromArray(I, a, p + off[o + 11]))
                                .convertShape(VectorOperators.I2F, F, 0);
                        value = value.add(r2.mul(t.featureWeights[3 * f + 2]));
                    }
                    VectorMask<Float> goesLeft = value.mul(vnf).compare(VectorOperators.LT, t.stumpThreshold[stump]);
                    stage = stage.add(DoubleVector.broadcast(D, t.stumpRight[stump])
                            .blend(DoubleVector.broadcast(D, t.stumpLeft[stump]), goesLeft.cast(D)));
                }
                VectorMask<Double> rejected = active.and(stage.compare(VectorOperators.LT, t.stageThreshold[s]));
                result = result.blend(-s, rejected.cast(I));
                active = active.andNot(rejected);
            }
            result.intoArray(code, i);
            vnf.intoArray(vnfOut, i);
        }
    }
}
