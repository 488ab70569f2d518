package dev.fer.detector.haar;

/**
 * The arrays a stump cascade is evaluated from, in one place for the kernels: stages (first stump,
 * threshold), stumps (feature, threshold, leaves) and the features' corner offsets and weights.
 * The offsets belong to the owning {@link WindowScanner}, which rewrites them in place for each
 * integral layout; everything else is the cascade's and never changes.
 */
final class StumpTables {
    final float[] stageThreshold;
    final int[] stumpFeature;
    final float[] stumpThreshold;
    final float[] stumpLeft;
    final float[] stumpRight;
    /** Haar feature f's 3 rectangles x 4 corner offsets from {@code 12 * f}. */
    final int[] featureOffsets;
    final float[] featureWeights;
    final boolean[] threeRects;
    /** Index of each stage's first stump. */
    final int[] stageFirstStump;

    StumpTables(CompiledCascade cc, int[] featureOffsets, float[] featureWeights, boolean[] threeRects) {
        Cascade c = cc.cascade;
        int[] stageTrees = c.stageTreeCount;
        this.stageThreshold = c.stageThreshold;
        this.stumpFeature = cc.stumpFeature;
        this.stumpThreshold = cc.stumpThreshold;
        this.stumpLeft = cc.stumpLeft;
        this.stumpRight = cc.stumpRight;
        this.featureOffsets = featureOffsets;
        this.featureWeights = featureWeights;
        this.threeRects = threeRects;
        this.stageFirstStump = new int[stageTrees.length + 1];
        for (int s = 0; s < stageTrees.length; s++) {
            stageFirstStump[s + 1] = stageFirstStump[s] + stageTrees[s];
        }
    }
}
