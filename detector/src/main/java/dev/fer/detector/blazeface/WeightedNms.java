package dev.fer.detector.blazeface;

import static dev.fer.detector.blazeface.BlazeFaceVariant.COORDS;

/**
 * MediaPipe's weighted non-max suppression ({@code NonMaxSuppressionCalculator}, algorithm
 * WEIGHTED): take the best remaining detection, gather every remaining one overlapping it by more
 * than the threshold (itself included), and output their score-weighted mean box and keypoints
 * with the best one's score. BlazeFace fires on many neighbouring anchors per face; averaging them
 * steadies the box from frame to frame.
 *
 * <p>Not thread-safe: one instance per thread, buffers reused.
 */
final class WeightedNms {
    private final int[] order;
    private final int[] rest;

    WeightedNms(int capacity) {
        this.order = new int[capacity];
        this.rest = new int[capacity];
    }

    /**
     * @param boxes    {@code n} detections of 16 floats (see {@link DetectionDecoder})
     * @param scores   their scores
     * @param out      receives the merged detections, 16 floats each
     * @param outScore receives their scores
     * @return the number of merged detections
     */
    int apply(float[] boxes, float[] scores, int n, float iouThreshold, float[] out, float[] outScore) {
        // insertion sort by descending score: n is a few dozen at most
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && scores[order[j - 1]] < scores[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        int remaining = n;
        int kept = 0;
        while (remaining > 0) {
            int best = order[0];
            int o = kept * COORDS;
            java.util.Arrays.fill(out, o, o + COORDS, 0f);
            float total = 0;
            int left = 0;
            for (int k = 0; k < remaining; k++) {
                int c = order[k];
                if (c == best || iou(boxes, c, best) > iouThreshold) {
                    float s = scores[c];
                    total += s;
                    for (int f = 0; f < COORDS; f++) {
                        out[o + f] += boxes[c * COORDS + f] * s;
                    }
                } else {
                    rest[left++] = c;
                }
            }
            for (int f = 0; f < COORDS; f++) {
                out[o + f] /= total;
            }
            outScore[kept++] = scores[best];
            System.arraycopy(rest, 0, order, 0, left);
            remaining = left;
        }
        return kept;
    }

    static float iou(float[] b, int i, int j) {
        int p = i * COORDS;
        int q = j * COORDS;
        float ix = Math.min(b[p + 2], b[q + 2]) - Math.max(b[p], b[q]);
        float iy = Math.min(b[p + 3], b[q + 3]) - Math.max(b[p + 1], b[q + 1]);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        float inter = ix * iy;
        float union = (b[p + 2] - b[p]) * (b[p + 3] - b[p + 1]) + (b[q + 2] - b[q]) * (b[q + 3] - b[q + 1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
