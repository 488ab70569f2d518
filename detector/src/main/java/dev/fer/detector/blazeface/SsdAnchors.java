package dev.fer.detector.blazeface;

import java.util.ArrayList;
import java.util.List;

/**
 * The SSD anchor grid, generated as MediaPipe's {@code SsdAnchorsCalculator} does (its
 * non-multiscale path): one grid per run of equal strides, cells row-major, per cell one anchor
 * for each (scale, aspect ratio) of the layers in the run.
 */
public final class SsdAnchors {
    /** Floats per anchor: x centre, y centre, width, height (all relative to the input size). */
    public static final int STRIDE = 4;

    private SsdAnchors() {
    }

    /** Anchors as {@code [xCenter, yCenter, width, height]} quadruples. */
    public static float[] generate(AnchorOptions o) {
        int[] strides = o.strides();
        List<float[]> anchors = new ArrayList<>();
        int layer = 0;
        while (layer < strides.length) {
            List<Float> widths = new ArrayList<>();
            List<Float> heights = new ArrayList<>();
            int last = layer;
            while (last < strides.length && strides[last] == strides[layer]) {
                float scale = scale(o, last);
                for (float ratio : o.aspectRatios()) {
                    addAnchorShape(widths, heights, scale, ratio);
                }
                if (o.interpolatedScaleAspectRatio() > 0) {
                    float next = last == strides.length - 1 ? 1f : scale(o, last + 1);
                    addAnchorShape(widths, heights, (float) Math.sqrt(scale * next), o.interpolatedScaleAspectRatio());
                }
                last++;
            }
            int rows = (int) Math.ceil((double) o.inputHeight() / strides[layer]);
            int cols = (int) Math.ceil((double) o.inputWidth() / strides[layer]);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int a = 0; a < widths.size(); a++) {
                        anchors.add(new float[] {
                            (x + o.anchorOffsetX()) / cols,
                            (y + o.anchorOffsetY()) / rows,
                            o.fixedAnchorSize() ? 1f : widths.get(a),
                            o.fixedAnchorSize() ? 1f : heights.get(a),
                        });
                    }
                }
            }
            layer = last;
        }
        float[] flat = new float[anchors.size() * STRIDE];
        for (int i = 0; i < anchors.size(); i++) {
            System.arraycopy(anchors.get(i), 0, flat, i * STRIDE, STRIDE);
        }
        return flat;
    }

    private static float scale(AnchorOptions o, int layer) {
        int n = o.strides().length;
        return n == 1 ? (o.minScale() + o.maxScale()) * 0.5f
                : o.minScale() + (o.maxScale() - o.minScale()) * layer / (n - 1f);
    }

    private static void addAnchorShape(List<Float> widths, List<Float> heights, float scale, float ratio) {
        float sqrt = (float) Math.sqrt(ratio);
        widths.add(scale * sqrt);
        heights.add(scale / sqrt);
    }
}
