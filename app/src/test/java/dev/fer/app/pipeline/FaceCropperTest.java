package dev.fer.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import org.junit.jupiter.api.Test;

class FaceCropperTest {

    @Test
    void theCropIsTheBoxGrownByTheMarginAndCentred() {
        int[] sq = FaceCropper.cropSquare(640, 480, new FaceBox(200, 100, 100, 100, 1));
        assertArrayEquals(new int[] {190, 90, 120}, sq);
    }

    @Test
    void aFaceAtTheEdgeKeepsItsScaleAndStaysInside() {
        int[] sq = FaceCropper.cropSquare(640, 480, new FaceBox(0, 400, 100, 80, 1));
        assertEquals(120, sq[2]);
        assertEquals(0, sq[0]);
        assertEquals(480 - 120, sq[1]);
        int[] big = FaceCropper.cropSquare(200, 150, new FaceBox(10, 10, 180, 140, 1));
        assertEquals(150, big[2], "never larger than the frame");
    }

    @Test
    void cropReadsTheRightPixels() {
        // a dark frame with a bright square exactly where the face box's inner part is
        int w = 320;
        int h = 240;
        byte[] px = new byte[w * h];
        FaceBox box = new FaceBox(100, 60, 96, 96, 1);
        for (int y = 60; y < 156; y++) {
            for (int x = 100; x < 196; x++) {
                px[y * w + x] = (byte) 200;
            }
        }
        byte[] face = FaceCropper.crop(new GrayImage(w, h, px), box);
        assertEquals(48 * 48, face.length);
        // the margin (10% of 96 ~ 10 px = 4 output px at 115/48 scale) is dark, the centre bright
        assertEquals(200, face[24 * 48 + 24] & 0xFF);
        assertEquals(0, face[0] & 0xFF);
        assertEquals(0, face[47 * 48 + 47] & 0xFF);
        int bright = 0;
        for (byte b : face) {
            bright += (b & 0xFF) > 100 ? 1 : 0;
        }
        double share = bright / (48.0 * 48);
        double expected = Math.pow(96.0 / 115, 2); // box area over crop area
        assertTrue(Math.abs(share - expected) < 0.05, "bright share " + share + " vs " + expected);
    }
}
