package dev.fer.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.blazeface.BlazeFaceVariant;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
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

    @Test
    void rotatedSquareLevelsALineAtTheEyeAngle() {
        // two bright dots on a line tilted by about 27 degrees: after the turn they share a row
        int w = 200;
        int h = 160;
        byte[] px = new byte[w * h];
        int[][] dots = {{70, 60}, {130, 91}};
        for (int[] d : dots) {
            for (int y = d[1] - 1; y <= d[1] + 1; y++) {
                for (int x = d[0] - 1; x <= d[0] + 1; x++) {
                    px[y * w + x] = (byte) 255;
                }
            }
        }
        FaceBox box = new FaceBox(50, 30, 100, 100, 1, new float[] {70.5f, 60.5f, 130.5f, 91.5f});
        double angle = FaceCropper.eyeAngle(box);
        assertEquals(Math.atan2(31, 60), angle, 1e-9);
        int[] sq = FaceCropper.cropSquare(w, h, box);
        GrayImage turned = FaceCropper.rotatedSquare(new GrayImage(w, h, px), sq, angle);
        double[] left = brightestCentre(turned, 0, sq[2] / 2);
        double[] right = brightestCentre(turned, sq[2] / 2, sq[2]);
        assertEquals(left[1], right[1], 1.0, "the dots' rows after the turn");
        assertEquals(Math.hypot(60, 31), right[0] - left[0], 1.5, "their distance is kept");
        // no angle: the same pixels as the square itself
        GrayImage straight = FaceCropper.rotatedSquare(new GrayImage(w, h, px), sq, 0);
        assertArrayEquals(FaceCropper.crop(new GrayImage(w, h, px), box),
                dev.fer.trainer.data.FaceImages.resizeSquare(straight, 0, 0, sq[2], FaceCropper.SIZE));
    }

    @Test
    void boxesWithoutEyesAreCroppedAsTheyAre() {
        byte[] px = new byte[100 * 80];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        GrayImage frame = new GrayImage(100, 80, px);
        FaceBox haar = new FaceBox(20, 10, 50, 50, 3);
        assertTrue(Double.isNaN(FaceCropper.eyeAngle(haar)));
        assertArrayEquals(FaceCropper.crop(frame, haar), FaceCropper.crop(frame, haar, true));
    }

    /**
     * A real tilted face (AFW): BlazeFace finds its eyes about 22 degrees off level in the photo;
     * in the aligned square BlazeFace finds them level, in the plain square still tilted.
     */
    @Test
    void alignedCropOfARealTiltedFaceHasLevelEyes() throws IOException {
        Path photo = Path.of(System.getProperty("fer.shared", "../shared"), "data", "faces", "images", "2803423910.jpg");
        assumeTrue(Files.isRegularFile(photo), "no face photos");
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.FULL_RANGE)
                && BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE), "BlazeFace models not packaged (no npm)");
        BufferedImage image = ImageIO.read(photo.toFile());
        BlazeFaceDetector detector = BlazeFaceDetector.load(BlazeFaceVariant.FULL_RANGE);
        FaceBox tilted = detector.detect(image).stream()
                .max(Comparator.comparingDouble(b -> Math.abs(FaceCropper.eyeAngle(b)))).orElseThrow();
        double angle = FaceCropper.eyeAngle(tilted);
        assertTrue(Math.abs(Math.toDegrees(angle)) > 15, "a tilted face: " + Math.toDegrees(angle));

        GrayImage gray = GrayImage.of(image);
        int[] sq = FaceCropper.cropSquare(gray.width(), gray.height(), tilted);
        // the short-range model is the one made for a face that fills the picture
        BlazeFaceDetector near = BlazeFaceDetector.load(BlazeFaceVariant.SHORT_RANGE);
        double plain = eyeAngleFound(near, FaceCropper.rotatedSquare(gray, sq, 0));
        double aligned = eyeAngleFound(near, FaceCropper.rotatedSquare(gray, sq, angle));
        assertEquals(Math.toDegrees(angle), Math.toDegrees(plain), 6, "the plain square keeps the tilt");
        assertEquals(0, Math.toDegrees(aligned), 6, "the aligned square has level eyes");
        byte[] face = FaceCropper.crop(gray, tilted, true);
        assertEquals(FaceCropper.SIZE * FaceCropper.SIZE, face.length);
    }

    /** The eye angle of the most confident face BlazeFace finds in a gray square (set on a mid-gray canvas). */
    private static double eyeAngleFound(BlazeFaceDetector detector, GrayImage square) {
        int side = square.width();
        int border = side / 4;
        BufferedImage img = new BufferedImage(side + 2 * border, side + 2 * border, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int sx = x - border;
                int sy = y - border;
                boolean inside = sx >= 0 && sy >= 0 && sx < side && sy < side;
                int v = inside ? square.pixels()[sy * side + sx] & 0xFF : 128;
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        List<FaceBox> found = detector.detect(img);
        assertTrue(!found.isEmpty(), "BlazeFace finds the face in the square");
        return FaceCropper.eyeAngle(found.stream().max(Comparator.comparingDouble(FaceBox::score)).orElseThrow());
    }

    /** Centre of mass of the bright pixels in columns [x0, x1): {x, y}. */
    private static double[] brightestCentre(GrayImage g, int x0, int x1) {
        double sx = 0;
        double sy = 0;
        double n = 0;
        for (int y = 0; y < g.height(); y++) {
            for (int x = x0; x < x1; x++) {
                int v = g.pixels()[y * g.width() + x] & 0xFF;
                if (v > 60) {
                    sx += x * v;
                    sy += y * v;
                    n += v;
                }
            }
        }
        assertTrue(n > 0, "a bright dot in columns " + x0 + ".." + x1);
        return new double[] {sx / n, sy / n};
    }
}
