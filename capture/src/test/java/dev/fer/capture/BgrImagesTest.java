package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.capture.support.BgrImages;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BgrImagesTest {
    private static BufferedImage random(int type, int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, type);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(1 << 24));
            }
        }
        return image;
    }

    @Test
    void everyCommonTypeConvertsToTheSameColours() {
        int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR,
            BufferedImage.TYPE_INT_BGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_565_RGB};
        for (int type : types) {
            BufferedImage source = random(type, 37, 23, type);
            BufferedImage bgr = BgrImages.toBgr(source);
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, bgr.getType());
            assertArrayEquals(TestData.rgb(source), TestData.rgb(bgr), "type " + type);
        }
        BufferedImage already = random(BufferedImage.TYPE_3BYTE_BGR, 5, 4, 1);
        assertSame(already, BgrImages.toBgr(already));
        BufferedImage copy = BgrImages.copy(already);
        assertNotSame(already, copy);
        assertArrayEquals(TestData.rgb(already), TestData.rgb(copy));
    }

    @Test
    void interleavedRgbBytesTakeTheFastPathWithTheSameResult() {
        // the layout of sarxos's webcam images: TYPE_CUSTOM, bytes R, G, B per pixel; also other
        // channel orders, padded rows and a sub-image (which must fall back to the general path)
        int w = 41;
        int h = 17;
        int[][] orders = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}};
        for (int[] order : orders) {
            for (int padding : new int[] {0, 7}) {
                int stride = w * 3 + padding;
                byte[] data = new byte[stride * h];
                new Random(order[0] * 10L + padding).nextBytes(data);
                java.awt.image.ComponentSampleModel model = new java.awt.image.ComponentSampleModel(
                        java.awt.image.DataBuffer.TYPE_BYTE, w, h, 3, stride, order);
                java.awt.image.WritableRaster raster = java.awt.image.Raster.createWritableRaster(model,
                        new java.awt.image.DataBufferByte(data, data.length), null);
                java.awt.image.ColorModel colors = new java.awt.image.ComponentColorModel(
                        java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), new int[] {8, 8, 8},
                        false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
                BufferedImage webcam = new BufferedImage(colors, raster, false, null);
                assertEquals(BufferedImage.TYPE_CUSTOM, webcam.getType());
                String what = "order " + Arrays.toString(order) + ", padding " + padding;
                assertArrayEquals(TestData.rgb(webcam), TestData.rgb(BgrImages.toBgr(webcam)), what);
                BufferedImage part = webcam.getSubimage(3, 2, 20, 9);
                assertArrayEquals(TestData.rgb(part), TestData.rgb(BgrImages.toBgr(part)), what + ", sub-image");
            }
        }
    }

    @Test
    void bytesAreBlueGreenRed() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x102030);
        byte[] bytes = BgrImages.bytes(BgrImages.toBgr(image));
        assertArrayEquals(new byte[] {0x30, 0x20, 0x10}, bytes);
    }

    @Test
    void scalingIsBilinearWithAlignedPixelCentres() {
        // a 2x1 image black | white scaled to 4x1: centres at source x = -0.25, 0.25, 0.75, 1.25 -> clamp
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        two.setRGB(0, 0, 0x000000);
        two.setRGB(1, 0, 0xC8C8C8);
        BufferedImage four = BgrImages.scaled(two, 4, 1);
        int[] grey = new int[4];
        for (int x = 0; x < 4; x++) {
            grey[x] = four.getRGB(x, 0) & 0xFF;
        }
        assertArrayEquals(new int[] {0, 50, 150, 200}, grey);

        // halving a 2x2-block image averages each block
        BufferedImage blocks = new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR);
        int[] values = {10, 30, 100, 200, 50, 70, 0, 40};
        for (int i = 0; i < 8; i++) {
            int v = values[i];
            blocks.setRGB(i % 4, i / 4, v << 16 | v << 8 | v);
        }
        BufferedImage half = BgrImages.scaled(blocks, 2, 1);
        assertEquals((10 + 30 + 50 + 70) / 4, half.getRGB(0, 0) & 0xFF);
        assertEquals((100 + 200 + 0 + 40) / 4, half.getRGB(1, 0) & 0xFF);
    }

    @Test
    void fittingKeepsTheShapeAndLetterboxes() {
        BufferedImage photo = TestData.read(TestData.facePhotos(1).getFirst());
        int w = photo.getWidth();
        int h = photo.getHeight();
        // into a box of the other orientation: bars on two sides, the picture scaled in between
        int boxW = h;
        int boxH = w;
        BufferedImage boxed = BgrImages.fitted(photo, boxW, boxH);
        assertEquals(boxW, boxed.getWidth());
        assertEquals(boxH, boxed.getHeight());
        double scale = Math.min((double) boxW / w, (double) boxH / h);
        int innerW = (int) Math.round(w * scale);
        int innerH = (int) Math.round(h * scale);
        int left = (boxW - innerW) / 2;
        int top = (boxH - innerH) / 2;
        assertTrue(left > 0 || top > 0, "a " + w + "x" + h + " photo in a " + boxW + "x" + boxH + " box needs bars");
        BufferedImage inner = BgrImages.scaled(photo, innerW, innerH);
        assertArrayEquals(TestData.rgb(inner), boxed.getRGB(left, top, innerW, innerH, null, 0, innerW));
        assertEquals(0, boxed.getRGB(0, 0) & 0xFFFFFF, "the bars are black");
        assertEquals(0, boxed.getRGB(boxW - 1, boxH - 1) & 0xFFFFFF);
        // the same shape: plain scaling
        assertArrayEquals(TestData.rgb(BgrImages.scaled(photo, w / 2, h / 2)), TestData.rgb(BgrImages.fitted(photo, w / 2, h / 2)));
    }

    @Test
    void scalingARealPhotoKeepsItsMeanColour() {
        BufferedImage photo = TestData.read(TestData.facePhotos(1).getFirst());
        BufferedImage small = BgrImages.scaled(photo, photo.getWidth() / 4, photo.getHeight() / 4);
        double[] big = meanRgb(photo);
        double[] little = meanRgb(small);
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(big[c] - little[c]) < 2, "channel " + c + ": " + big[c] + " vs " + little[c]);
        }
        assertSame(BgrImages.toBgr(photo), BgrImages.scaled(BgrImages.toBgr(photo), photo.getWidth(), photo.getHeight()));
    }

    private static double[] meanRgb(BufferedImage image) {
        double[] sum = new double[3];
        int[] rgb = TestData.rgb(image);
        for (int p : rgb) {
            sum[0] += (p >>> 16) & 0xFF;
            sum[1] += (p >>> 8) & 0xFF;
            sum[2] += p & 0xFF;
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= rgb.length;
        }
        return sum;
    }
}
