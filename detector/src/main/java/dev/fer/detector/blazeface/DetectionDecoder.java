package dev.fer.detector.blazeface;

import static dev.fer.detector.blazeface.BlazeFaceVariant.COORDS;
import static dev.fer.detector.blazeface.BlazeFaceVariant.KEYPOINTS;

/**
 * Turns the model's raw outputs into candidate detections as MediaPipe's
 * {@code TensorsToDetectionsCalculator} does for BlazeFace ({@code reverse_output_order: true},
 * so x before y): box centre and size, and the six keypoints, are offsets scaled by the input size
 * and placed relative to their anchor; the score is the sigmoid of the clipped raw score.
 *
 * <p>A decoded detection is 16 floats relative to the input tensor (0..1): {@code xmin, ymin,
 * xmax, ymax}, then {@code x, y} of each keypoint.
 */
final class DetectionDecoder {
    private final float[] anchors;
    private final int boxes;
    private final float scale;

    DetectionDecoder(BlazeFaceVariant variant) {
        this.anchors = SsdAnchors.generate(variant.anchorOptions());
        this.boxes = anchors.length / SsdAnchors.STRIDE;
        this.scale = variant.inputSize();
    }

    int boxCount() {
        return boxes;
    }

    /**
     * Decodes every anchor scoring at least {@code minScore}.
     *
     * @param regressors     {@code boxes x 16} raw coordinates
     * @param classificators {@code boxes} raw scores (logits)
     * @param out            receives {@code 16} floats per kept detection
     * @param scores         receives the score of each kept detection
     * @return the number of detections kept
     */
    int decode(float[] regressors, float[] classificators, float minScore, float[] out, float[] scores) {
        int n = 0;
        for (int i = 0; i < boxes; i++) {
            float raw = Math.clamp(classificators[i], -BlazeFaceVariant.SCORE_CLIP, BlazeFaceVariant.SCORE_CLIP);
            float score = (float) (1 / (1 + Math.exp(-raw)));
            if (score < minScore) {
                continue;
            }
            int r = i * COORDS;
            int a = i * SsdAnchors.STRIDE;
            float ax = anchors[a];
            float ay = anchors[a + 1];
            float aw = anchors[a + 2];
            float ah = anchors[a + 3];
            float cx = regressors[r] / scale * aw + ax;
            float cy = regressors[r + 1] / scale * ah + ay;
            float w = regressors[r + 2] / scale * aw;
            float h = regressors[r + 3] / scale * ah;
            int o = n * COORDS;
            out[o] = cx - w / 2;
            out[o + 1] = cy - h / 2;
            out[o + 2] = cx + w / 2;
            out[o + 3] = cy + h / 2;
            for (int k = 0; k < KEYPOINTS; k++) {
                out[o + 4 + 2 * k] = regressors[r + 4 + 2 * k] / scale * aw + ax;
                out[o + 5 + 2 * k] = regressors[r + 5 + 2 * k] / scale * ah + ay;
            }
            scores[n++] = score;
        }
        return n;
    }
}
