package dev.fer.detector.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Anchors against MediaPipe's published layout for BlazeFace: short range has 896 anchors, 2 per
 * cell of a 16x16 grid (stride 8) then 6 per cell of an 8x8 grid (the three stride-16 layers
 * merged); full range has one per cell of a 48x48 grid; all of size 1x1 (fixed_anchor_size).
 */
class SsdAnchorsTest {

    @Test
    void shortRangeLayout() {
        float[] a = SsdAnchors.generate(BlazeFaceVariant.SHORT_RANGE.anchorOptions());
        assertEquals(896, a.length / SsdAnchors.STRIDE);
        checkGrid(a, 0, 16, 2);
        checkGrid(a, 512, 8, 6);
    }

    @Test
    void fullRangeLayout() {
        float[] a = SsdAnchors.generate(BlazeFaceVariant.FULL_RANGE.anchorOptions());
        assertEquals(2304, a.length / SsdAnchors.STRIDE);
        checkGrid(a, 0, 48, 1);
    }

    /** {@code perCell} anchors per cell of a {@code cells x cells} grid starting at anchor {@code first}. */
    private static void checkGrid(float[] a, int first, int cells, int perCell) {
        int i = first;
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells; x++) {
                for (int k = 0; k < perCell; k++, i++) {
                    int o = i * SsdAnchors.STRIDE;
                    assertEquals((x + 0.5f) / cells, a[o], 1e-6f, "x of anchor " + i);
                    assertEquals((y + 0.5f) / cells, a[o + 1], 1e-6f, "y of anchor " + i);
                    assertEquals(1f, a[o + 2], "width of anchor " + i);
                    assertEquals(1f, a[o + 3], "height of anchor " + i);
                }
            }
        }
    }

    @Test
    void scalesAndAspectRatiosWithoutFixedSize() {
        // MediaPipe's scale ladder: min + (max - min) * layer / (layers - 1); the interpolated anchor
        // takes sqrt(scale * next scale), 1.0 after the last layer.
        AnchorOptions o = new AnchorOptions(128, 128, 0.1484375f, 0.75f, 0.5f, 0.5f, new int[] {8, 16, 16, 16},
                new float[] {1f, 4f}, 1f, false);
        float[] a = SsdAnchors.generate(o);
        assertEquals(16 * 16 * 3 + 8 * 8 * 9, a.length / SsdAnchors.STRIDE);
        float s0 = 0.1484375f;
        float s1 = 0.1484375f + (0.75f - 0.1484375f) / 3;
        float s3 = 0.75f;
        // first cell: ratio 1 (s0 x s0), ratio 4 (2 s0 wide, s0 / 2 high), interpolated sqrt(s0 s1)
        assertEquals(s0, a[2], 1e-6f);
        assertEquals(s0, a[3], 1e-6f);
        assertEquals(2 * s0, a[6], 1e-6f);
        assertEquals(s0 / 2, a[7], 1e-6f);
        assertEquals((float) Math.sqrt(s0 * s1), a[10], 1e-6f);
        // last anchor of the 8x8 grid: the interpolated one of the last layer, sqrt(0.75 * 1.0)
        int last = (a.length / SsdAnchors.STRIDE - 1) * SsdAnchors.STRIDE;
        assertEquals((float) Math.sqrt(s3), a[last + 2], 1e-6f);
        assertEquals(7.5f / 8, a[last], 1e-6f);
    }
}
