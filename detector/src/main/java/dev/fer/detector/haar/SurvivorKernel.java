package dev.fer.detector.haar;

import static dev.fer.detector.haar.StumpLanes.F;
import static dev.fer.detector.haar.StumpLanes.LANES;

import jdk.incubator.vector.FloatVector;
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
                long passed = StumpLanes.stageSum(a, 0, pos, k, v, first, end, t)
                        .compare(VectorOperators.LT, threshold).not().toLong();
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
