package dev.fer.trainer.data;

import dev.fer.detector.GrayImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceImagesTest {
    @TempDir
    Path dir;

    @Test
    void a48x48FaceIsKeptExactly() {
        byte[] pixels = new byte[48 * 48];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        assertArrayEquals(pixels, FaceImages.toFace(new GrayImage(48, 48, pixels)));
    }

    @Test
    void shrinkingAveragesEachBlock() {
        // 96x96 of 2x2 blocks whose four pixels are 0, 100, 200, 100: every output pixel is their mean
        byte[] pixels = new byte[96 * 96];
        int[] block = {0, 100, 200, 100};
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 96; x++) {
                pixels[y * 96 + x] = (byte) block[(y % 2) * 2 + x % 2];
            }
        }
        byte[] face = FaceImages.toFace(new GrayImage(96, 96, pixels));
        for (byte b : face) {
            assertEquals(100, b & 0xFF);
        }
    }

    @Test
    void wideImagesAreCroppedToTheirCentreNotStretched() {
        // 144x48: left third black, middle third 200, right third black -> the centre square is all 200
        byte[] pixels = new byte[144 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 48; x < 96; x++) {
                pixels[y * 144 + x] = (byte) 200;
            }
        }
        for (byte b : FaceImages.toFace(new GrayImage(144, 48, pixels))) {
            assertEquals(200, b & 0xFF);
        }
    }

    @Test
    void smallImagesAreEnlarged() {
        byte[] pixels = new byte[24 * 24];
        java.util.Arrays.fill(pixels, (byte) 77);
        byte[] face = FaceImages.toFace(new GrayImage(24, 24, pixels));
        assertEquals(48 * 48, face.length);
        for (byte b : face) {
            assertEquals(77, b & 0xFF);
        }
    }

    @Test
    void colourPngAndJpegOfAnySizeBecome48x48Gray() throws IOException {
        DataFixtures.writeImage(dir.resolve("a.png"), 200, 150, BufferedImage.TYPE_INT_ARGB, 90, "png");
        DataFixtures.writeImage(dir.resolve("b.jpg"), 33, 41, BufferedImage.TYPE_3BYTE_BGR, 160, "jpg");
        byte[] a = FaceImages.readFace(dir.resolve("a.png"));
        byte[] b = FaceImages.readFace(dir.resolve("b.jpg"));
        assertEquals(48 * 48, a.length);
        assertEquals(90, a[1000] & 0xFF);
        assertTrue(Math.abs((b[1000] & 0xFF) - 160) <= 2, "jpeg rounding only");
    }

    @Test
    void corruptAndNonImageFilesFailNamingTheFile() throws IOException {
        DataFixtures.writeTruncatedJpeg(dir.resolve("cut.jpg"), 0.7);
        DataFixtures.writeTruncatedJpeg(dir.resolve("header-only.jpg"), 0.1);
        DataFixtures.writeBytes(dir.resolve("notes.txt"), "hello".getBytes());
        var cut = assertThrows(IOException.class, () -> FaceImages.readFace(dir.resolve("cut.jpg")));
        var txt = assertThrows(IOException.class, () -> FaceImages.readFace(dir.resolve("notes.txt")));
        var header = assertThrows(IOException.class, () -> FaceImages.readFace(dir.resolve("header-only.jpg")));
        assertTrue(cut.getMessage().contains("cut.jpg"), cut.getMessage());
        assertTrue(header.getMessage().contains("header-only.jpg"), header.getMessage());
        assertTrue(txt.getMessage().contains("notes.txt"), txt.getMessage());
    }
}
