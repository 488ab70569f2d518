package dev.fer.detector.blazeface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The letterbox: its byte fast path (Vector API column sums, and their scalar twin) and its getRGB
 * path give the same tensor, and every tensor pixel is the mean of a source rectangle, computed
 * here the slow way, pixel by pixel.
 */
class LetterboxTest {
    private static final Path FACES = Path.of(System.getProperty("fer.shared", "../shared"), "data", "faces");

    @Test
    void columnSumsVectorMatchesScalar() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 15, 16, 17, 63, 64, 65, 1920, 1925}) {
            byte[] src = new byte[n + 11];
            r.nextBytes(src);
            int[] a = new int[n + 4];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(1000);
            }
            int[] b = a.clone();
            int from = Math.min(2, n);
            ColumnSums.add(src, 7, a, from, n, ColumnSums.VECTOR_API);
            ColumnSums.addScalar(src, 7, b, from, n);
            assertArrayEquals(b, a, "n " + n);
        }
    }

    @Test
    void fastAndGenericPathsAgreeWithThePlainMean() {
        Random r = new Random(11);
        // landscape, portrait, a frame smaller than the tensor (upscaled), odd sizes
        int[][] sizes = {{640, 480}, {333, 517}, {90, 70}, {129, 128}, {1, 1}, {7, 300}};
        for (int[] wh : sizes) {
            BufferedImage bgr = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < wh[1]; y++) {
                for (int x = 0; x < wh[0]; x++) {
                    bgr.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            checkPaths(bgr, 128);
            checkPaths(bgr, 192);
        }
    }

    @Test
    void realPhotoAsTheDetectorSeesIt() throws IOException {
        Path photo = FACES.resolve("images/1130084326.jpg");
        assumeTrue(Files.isRegularFile(photo), "no face photos");
        BufferedImage image = ImageIO.read(photo.toFile());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType(), "ImageIO decodes JPEGs as 3-byte BGR");
        checkPaths(image, 128);
        checkPaths(image, 192);
    }

    private static void checkPaths(BufferedImage bgr, int size) {
        BufferedImage rgb = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < bgr.getHeight(); y++) {
            for (int x = 0; x < bgr.getWidth(); x++) {
                rgb.setRGB(x, y, bgr.getRGB(x, y));
            }
        }
        float[] fast = new float[size * size * 3];
        float[] scalarSums = new float[fast.length];
        float[] generic = new float[fast.length];
        Letterbox vectorBox = new Letterbox(size, ColumnSums.VECTOR_API);
        vectorBox.fill(bgr, fast);
        vectorBox.fill(bgr, fast); // a second frame through the same buffers gives the same
        new Letterbox(size, false).fill(bgr, scalarSums);
        new Letterbox(size, ColumnSums.VECTOR_API).fill(rgb, generic);
        String what = bgr.getWidth() + "x" + bgr.getHeight() + " to " + size;
        assertArrayEquals(scalarSums, fast, what + ": vector and scalar column sums");
        assertArrayEquals(generic, fast, what + ": 3-byte BGR and getRGB paths");
        assertPlainMean(bgr, size, fast, vectorBox, what);
    }

    /** Each inside pixel is the mean of the source rectangle its extent covers; the border is -1. */
    private static void assertPlainMean(BufferedImage image, int size, float[] tensor, Letterbox box, String what) {
        int w = image.getWidth();
        int h = image.getHeight();
        float scale = (float) size / Math.max(w, h);
        float offX = (size - w * scale) / 2f;
        float offY = (size - h * scale) / 2f;
        int inside = 0;
        for (int ty = 0; ty < size; ty++) {
            for (int tx = 0; tx < size; tx++) {
                int[] xs = sourceRange(tx, offX, scale, w);
                int[] ys = sourceRange(ty, offY, scale, h);
                int t = (ty * size + tx) * 3;
                if (xs == null || ys == null) {
                    assertEquals(-1f, tensor[t], what + ": border at " + tx + "," + ty);
                    continue;
                }
                inside++;
                double[] sum = new double[3];
                for (int y = ys[0]; y < ys[1]; y++) {
                    for (int x = xs[0]; x < xs[1]; x++) {
                        int c = image.getRGB(x, y);
                        sum[0] += (c >> 16) & 0xFF;
                        sum[1] += (c >> 8) & 0xFF;
                        sum[2] += c & 0xFF;
                    }
                }
                double n = (double) (xs[1] - xs[0]) * (ys[1] - ys[0]);
                for (int b = 0; b < 3; b++) {
                    assertEquals(sum[b] / n / 127.5 - 1, tensor[t + b], 1e-5, what + " at " + tx + "," + ty);
                }
            }
        }
        assertTrue(inside > 0, what + ": no pixel inside");
        // the inverse mapping used for boxes: tensor centre column maps back near the image centre
        assertEquals(w / 2f, box.imageX(0.5f), 1f, what);
        assertEquals(h / 2f, box.imageY(0.5f), 1f, what);
    }

    /** Source pixels under tensor pixel t: those its extent overlaps (at least one), null off the image. */
    private static int[] sourceRange(int t, float offset, float scale, int extent) {
        float centre = (t + 0.5f - offset) / scale;
        if (centre < 0 || centre >= extent) {
            return null;
        }
        int start = Math.clamp((int) Math.floor((t - offset) / scale), 0, extent - 1);
        int end = Math.max(Math.min((int) Math.ceil((t + 1 - offset) / scale), extent), start + 1);
        return new int[] {start, end};
    }
}
