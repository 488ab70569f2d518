package dev.fer.detector.haar;

import static dev.fer.detector.haar.StumpLanes.D;
import static dev.fer.detector.haar.StumpLanes.F;
import static dev.fer.detector.haar.StumpLanes.I;
import static dev.fer.detector.haar.StumpLanes.LANES;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The later stages of a Haar stump cascade for the windows that passed the first ones, on the
 * Vector API: after the first stages only a few scattered windows of a row are left, so they are
 * listed (their integral positions) and evaluated {@link StumpLanes#LANES} at a time with gathers,
 * stage by stage, the list compacted after each stage to the windows that passed it. Every lane
 * does the arithmetic of {@code WindowScanner.haarStumps} (its scalar twin, which tests check it
 * against) and the list keeps its order.
 *
 * <p>Loaded only where the {@code jdk.incubator.vector} module is present.
 */
final class SurvivorKernel {
    private SurvivorKernel() {}

    /**
     * Runs stages {@code [from, to)} on the windows at integral positions {@code pos[0 .. n)} with
     * variance factors {@code vnf[0 .. n)}, keeping in place, in order, those that pass every one;
     * returns how many do. Both arrays need {@link StumpLanes#LANES} spare entries after {@code n}.
     */
    static int run(int[] a, int[] pos, float[] vnf, int n, int from, int to, StumpTables t) {
        for (int s = from; s < to && n > 0; s++) {
            for (int j = n; j < n + LANES; j++) { // the last, partial vector reads real windows
                pos[j] = pos[0];
                vnf[j] = vnf[0];
            }
            int first = t.stageFirstStump[s];
            int end = t.stageFirstStump[s + 1];
            float threshold = t.stageThreshold[s];
            int kept = 0;
            for (int k = 0; k < n; k += LANES) {
                FloatVector v = FloatVector.fromArray(F, vnf, k);
                DoubleVector stage = DoubleVector.zero(D);
                for (int stump = first; stump < end; stump++) {
                    // FirstStageKernel's arithmetic on gathered windows, written out: see StumpLanes
                    int f = t.stumpFeature[stump];
                    int o = 12 * f;
                    int[] off = t.featureOffsets;
                    FloatVector r0 = (FloatVector) IntVector.fromArray(I, a, off[o], pos, k).sub(IntVector.fromArray(I, a, off[o + 1], pos, k))
                            .sub(IntVector.fromArray(I, a, off[o + 2], pos, k)).add(IntVector.fromArray(I, a, off[o + 3], pos, k))
                            .convertShape(VectorOperators.I2F, F, 0);
                    FloatVector r1 = (FloatVector) IntVector.fromArray(I, a, off[o + 4], pos, k).sub(IntVector.fromArray(I, a, off[o + 5], pos, k))
                            .sub(IntVector.fromArray(I, a, off[o + 6], pos, k)).add(IntVector.fromArray(I, a, off[o + 7], pos, k))
                            .convertShape(VectorOperators.I2F, F, 0);
                    FloatVector value = r0.mul(t.featureWeights[3 * f]).add(r1.mul(t.featureWeights[3 * f + 1]));
                    if (t.threeRects[f]) {
                        FloatVector r2 = (FloatVector) IntVector.fromArray(I, a, off[o + 8], pos, k).sub(IntVector.fromArray(I, a, off[o + 9], pos, k))
                                .sub(IntVector.fromArray(I, a, off[o + 10], pos, k)).add(IntVector.fromArray(I, a, off[o + 11], pos, k))
                                .convertShape(VectorOperators.I2F, F, 0);
                        value = value.add(r2.mul(t.featureWeights[3 * f + 2]));
                    }
                    VectorMask<Float> goesLeft = value.mul(v).compare(VectorOperators.LT, t.stumpThreshold[stump]);
                    stage = stage.add(DoubleVector.broadcast(D, t.stumpRight[stump])
                            .blend(DoubleVector.broadcast(D, t.stumpLeft[stump]), goesLeft.cast(D)));
                }
                long passed = stage.compare(VectorOperators.LT, threshold).not().toLong();
                if (n - k < LANES) {
                    passed &= (1L << (n - k)) - 1;
                }
                for (; passed != 0; passed &= passed - 1) { // kept <= k + lane: never overwrites an unread entry
                    int j = k + Long.numberOfTrailingZeros(passed);
                    pos[kept] = pos[j];
                    vnf[kept] = vnf[j];
                    kept++;
                }
            }
            n = kept;
        }
        return n;
    }
}
