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
 * arithmetic of {@link WindowScanner#firstStagesScalar} (the variance in double, the stages as
 * {@link StumpLanes}), so the outcome is bit for bit the same; tests check the two against each other.
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
            IntVector sum = StumpLanes.rect(a, p, null, 0, norm, 0);
            IntVector sq = StumpLanes.rect(a, p + sqBase, null, 0, norm, 0);
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
                DoubleVector stage = StumpLanes.stageSum(a, p, null, 0, vnf,
                        t.stageFirstStump[s], t.stageFirstStump[s + 1], t);
                VectorMask<Double> rejected = active.and(stage.compare(VectorOperators.LT, t.stageThreshold[s]));
                result = result.blend(-s, rejected.cast(I));
                active = active.andNot(rejected);
            }
            result.intoArray(code, i);
            vnf.intoArray(vnfOut, i);
        }
    }
}
