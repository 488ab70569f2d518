package dev.fer.engine.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RowLayout#offsets} steps along the grid to the same offsets as {@link RowLayout#offset}. */
class RowLayoutTest {
    @Test
    void blockOffsetsMatchRowByRowOffsetsAcrossLinesAndImages() {
        // 3 images of a 5x7 output grid (stride 2 over a padded 13x17x3 input): blocks that start
        // mid-line, cross line ends and image ends, and end exactly on one
        RowLayout patches = new RowLayout().patches(new float[3 * 13 * 17 * 3], 13, 17, 3, 3, 3, 2, 5, 7);
        int rows = 3 * 5 * 7;
        int[] got = new int[rows];
        for (int m0 : new int[] {0, 1, 6, 7, 33, 34, 35, 69, 104}) {
            for (int count : new int[] {1, 7, 8, 35, rows - m0}) {
                if (m0 + count > rows) {
                    continue;
                }
                patches.offsets(m0, count, got);
                for (int i = 0; i < count; i++) {
                    assertEquals(patches.offset(m0 + i), got[i], "row " + (m0 + i) + " of a block from " + m0);
                }
            }
        }
        RowLayout matrix = new RowLayout().matrix(new float[100], 4, 9, 9);
        matrix.offsets(3, 5, got);
        for (int i = 0; i < 5; i++) {
            assertEquals(4 + (3 + i) * 9, got[i]);
        }
    }
}
