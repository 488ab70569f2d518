package dev.fer.detector.haar;

/**
 * A {@link Cascade} laid out for evaluation: when every tree is a single node (a stump), OpenCV
 * evaluates the flat stump list of {@code Data::stumps} (feature, threshold, left and right leaf),
 * otherwise it walks the trees; both are kept here as flat arrays. Immutable.
 */
final class CompiledCascade {
    final Cascade cascade;
    final boolean stumps;
    final int[] stumpFeature;
    final float[] stumpThreshold;
    final float[] stumpLeft;
    final float[] stumpRight;
    /** Stump k's bit set of categories that go left (LBP), {@code subsetSize} ints from {@code k * subsetSize}. */
    final int[] stumpSubsets;

    CompiledCascade(Cascade c) {
        this.cascade = c;
        this.stumps = c.maxNodesPerTree == 1;
        int n = c.treeNodeCount.length;
        if (stumps) {
            stumpFeature = new int[n];
            stumpThreshold = new float[n];
            stumpLeft = new float[n];
            stumpRight = new float[n];
            // as Data::read builds its stumps: node i of the list, leaves 2i and 2i+1
            for (int i = 0; i < n; i++) {
                stumpFeature[i] = c.nodeFeature[i];
                stumpThreshold[i] = c.nodeThreshold[i];
                stumpLeft[i] = c.leaves[2 * i];
                stumpRight[i] = c.leaves[2 * i + 1];
            }
            stumpSubsets = c.nodeSubsets;
        } else {
            stumpFeature = null;
            stumpThreshold = null;
            stumpLeft = null;
            stumpRight = null;
            stumpSubsets = null;
        }
    }
}
