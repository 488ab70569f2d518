package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.capture.image.ImageSequenceSource;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files and folders on the shared face photos. */
class ImageSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void anImageFileIsOneFrameWithTheFilesPixels() throws Exception {
        Path photo = TestData.facePhotos(1).getFirst();
        BufferedImage expected = TestData.read(photo);
        try (FrameSource source = FrameSources.open(photo.toString())) {
            assertTrue(source instanceof ImageSequenceSource, source.describe());
            assertFalse(source.isLive());
            assertEquals(new Dimension(expected.getWidth(), expected.getHeight()), source.size());
            Frame frame = source.next();
            assertEquals(0, frame.number());
            assertEquals(0, frame.timestampNanos());
            assertEquals(photo.toString(), frame.origin());
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, frame.image().getType());
            TestData.assertSamePixels(expected, frame.image(), photo.toString());
            assertNull(source.next(), "one image is one frame");
            assertNull(source.next(), "and stays ended");
        }
    }

    @Test
    void exifOrientationTurnsAPhotoUprightAsOpenCvDoes() throws Exception {
        Path photo = TestData.facePhotos(1).getFirst();
        BufferedImage stored = TestData.read(photo);
        int w = stored.getWidth();
        int h = stored.getHeight();
        byte[] jpeg = Files.readAllBytes(photo);
        for (int orientation : new int[] {3, 6, 8}) {
            Path tagged = tmp.resolve("oriented" + orientation + ".jpg");
            Files.write(tagged, withExifOrientation(jpeg, orientation, orientation != 6));
            boolean swap = orientation != 3;
            BufferedImage upright = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // where the stored pixel (x, y) is shown
                    int rgb = stored.getRGB(x, y);
                    switch (orientation) {
                        case 3 -> upright.setRGB(w - 1 - x, h - 1 - y, rgb);
                        case 6 -> upright.setRGB(h - 1 - y, x, rgb); // shown turned clockwise
                        default -> upright.setRGB(y, w - 1 - x, rgb); // 8: shown turned counter-clockwise
                    }
                }
            }
            try (FrameSource source = FrameSources.open(tagged.toString())) {
                TestData.assertSamePixels(upright, source.next().image(), "orientation " + orientation);
            }
        }
    }

    /** The JPEG with an APP1 Exif block holding only an orientation tag inserted after its SOI marker. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(26)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M')).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // one IFD entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        int length = exif.length + 2;
        byte[] out = new byte[jpeg.length + 2 + length];
        out[0] = jpeg[0];
        out[1] = jpeg[1]; // SOI
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE1;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(exif, 0, out, 6, exif.length);
        System.arraycopy(jpeg, 2, out, 6 + exif.length, jpeg.length - 2);
        return out;
    }

    @Test
    void aLoopingImageRepeatsAsSeparateCopiesAtTheChosenRate() throws Exception {
        Path photo = TestData.facePhotos(2).get(1);
        BufferedImage expected = TestData.read(photo);
        CaptureOptions options = CaptureOptions.defaults().looping(true).withFps(4);
        try (FrameSource source = FrameSources.open(photo.toString(), options)) {
            Frame first = source.next();
            first.image().setRGB(0, 0, 0x123456); // the receiver may draw on its frame
            Frame second = source.next();
            assertNotSame(first.image(), second.image());
            TestData.assertSamePixels(expected, second.image(), "second frame");
            source.recycle(first.image()); // drawn on, then handed back
            Frame third = source.next();
            assertSame(first.image(), third.image(), "the recycled image is filled again");
            TestData.assertSamePixels(expected, third.image(), "third frame, in a recycled image");
            assertEquals(2, third.number());
            assertEquals(500_000_000L, third.timestampNanos(), "frame 2 at 4 fps is due at 0.5 s");
            assertEquals(4.0, source.fps());
        }
    }

    @Test
    void aFolderPlaysItsImagesInNaturalNameOrder() throws Exception {
        List<Path> photos = TestData.facePhotos(4);
        // names whose plain string order (frame1, frame10, frame2, frame9) differs from frame order
        String[] names = {"frame2.jpg", "frame10.jpg", "frame1.jpg", "frame9.jpg"};
        for (int i = 0; i < names.length; i++) {
            Files.copy(photos.get(i), tmp.resolve(names[i]));
        }
        Files.writeString(tmp.resolve("notes.txt"), "not an image, not a frame");
        Files.copy(photos.get(0), tmp.resolve(".hidden.jpg"));
        String[] expectedOrder = {"frame1.jpg", "frame2.jpg", "frame9.jpg", "frame10.jpg"};

        try (FrameSource source = FrameSources.open(tmp.toString(), CaptureOptions.defaults().withFps(25))) {
            assertTrue(source.describe().contains("4 images"), source.describe());
            for (int i = 0; i < expectedOrder.length; i++) {
                Frame frame = source.next();
                Path file = tmp.resolve(expectedOrder[i]);
                assertEquals(file.toString(), frame.origin());
                assertEquals(i, frame.number());
                assertEquals(i * 40_000_000L, frame.timestampNanos());
                TestData.assertSamePixels(TestData.read(file), frame.image(), expectedOrder[i]);
            }
            assertNull(source.next());
            assertEquals(List.of(), source.skipped());
        }
    }

    @Test
    void subFoldersArePlayedFolderByFolderAsInTheFer2013Layout() throws Exception {
        List<Path> photos = TestData.facePhotos(4);
        Path happy = Files.createDirectories(tmp.resolve("validation/happy"));
        Path sad = Files.createDirectories(tmp.resolve("validation/sad"));
        Path hidden = Files.createDirectories(tmp.resolve("validation/.cache"));
        Files.copy(photos.get(0), sad.resolve("1.jpg"));
        Files.copy(photos.get(1), happy.resolve("10.jpg"));
        Files.copy(photos.get(2), happy.resolve("9.jpg"));
        Files.copy(photos.get(3), hidden.resolve("thumb.jpg"));
        try (FrameSource source = FrameSources.open(tmp.resolve("validation").toString())) {
            List<String> order = new ArrayList<>();
            for (Frame f; (f = source.next()) != null; ) {
                order.add(tmp.resolve("validation").relativize(Path.of(f.origin())).toString());
            }
            assertEquals(List.of("happy/9.jpg", "happy/10.jpg", "sad/1.jpg"), order);
        }
    }

    @Test
    void corruptImagesInAFolderAreSkippedAndCountedOnce() throws Exception {
        List<Path> photos = TestData.facePhotos(3);
        Files.copy(photos.get(0), tmp.resolve("a1.jpg"));
        Files.write(tmp.resolve("a2.jpg"), "this is no JPEG".getBytes());
        byte[] whole = Files.readAllBytes(photos.get(1));
        Files.write(tmp.resolve("a3.jpg"), Arrays.copyOf(whole, whole.length / 2)); // truncated
        Files.copy(photos.get(2), tmp.resolve("a4.jpg"));

        try (FrameSource source = FrameSources.open(tmp.toString(), CaptureOptions.defaults().looping(true))) {
            List<String> origins = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                origins.add(Path.of(source.next().origin()).getFileName().toString());
            }
            assertEquals(List.of("a1.jpg", "a4.jpg", "a1.jpg", "a4.jpg"), origins, "bad files skipped on every pass");
            List<String> skipped = source.skipped();
            assertEquals(2, skipped.size(), "each bad file counted once: " + skipped);
            assertTrue(skipped.get(0).contains("a2.jpg"), skipped.get(0));
            assertTrue(skipped.get(1).contains("a3.jpg") && skipped.get(1).contains("corrupt"), skipped.get(1));
        }
    }

    @Test
    void aCorruptImageFileFailsWithItsNameAndTheProblem() throws IOException {
        byte[] whole = Files.readAllBytes(TestData.facePhotos(1).getFirst());
        Path truncated = tmp.resolve("half.jpg");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        CaptureException e = assertThrows(CaptureException.class, () -> FrameSources.open(truncated.toString()));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("corrupt"), e.getMessage());

        Path garbage = tmp.resolve("noise.png");
        Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        e = assertThrows(CaptureException.class, () -> FrameSources.open(garbage.toString()));
        assertTrue(e.getMessage().startsWith(garbage.toString()) && e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void aFolderWithoutReadableImagesFailsAtOpening() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures here");
        CaptureException e = assertThrows(CaptureException.class, () -> FrameSources.open(empty.toString()));
        assertTrue(e.getMessage().contains("no images in this folder or its sub-folders"), e.getMessage());

        Path broken = Files.createDirectory(tmp.resolve("broken"));
        Files.write(broken.resolve("x.jpg"), new byte[100]);
        Files.write(broken.resolve("y.jpg"), new byte[100]);
        e = assertThrows(CaptureException.class, () -> FrameSources.open(broken.toString()));
        assertTrue(e.getMessage().contains("none of its 2 images could be read") && e.getMessage().contains("x.jpg"),
                e.getMessage());
    }

    @Test
    void theWholeFacesFolderDecodes() throws Exception {
        try (FrameSource source = FrameSources.open(TestData.faces().toString())) {
            int frames = 0;
            for (Frame f; (f = source.next()) != null; frames++) {
                assertEquals(frames, f.number());
                assertTrue(f.width() >= 333 && f.height() >= 426, f.origin() + " is " + f.width() + "x" + f.height());
            }
            assertEquals(150, frames, "the README lists 150 photos");
            assertEquals(List.of(), source.skipped());
        }
    }

    @Test
    void aRealtimeSequenceIsNotDeliveredAheadOfTime() throws Exception {
        Path photo = TestData.facePhotos(1).getFirst();
        CaptureOptions options = CaptureOptions.defaults().looping(true).withFps(50).realtime(true);
        try (FrameSource source = FrameSources.open(photo.toString(), options)) {
            long start = System.nanoTime();
            for (int i = 0; i < 6; i++) {
                source.next();
            }
            long elapsed = System.nanoTime() - start;
            // frame 5 is due 100 ms after frame 0: a lower bound only, so a slow machine cannot fail it
            assertTrue(elapsed >= 95_000_000L, "6 frames at 50 fps came in " + elapsed / 1e6 + " ms");
        }
    }
    @Test
    void closingEndsAWaitForTheNextFrame() throws Exception {
        Path photo = TestData.facePhotos(1).getFirst();
        CaptureOptions slow = CaptureOptions.defaults().looping(true).withFps(0.2).realtime(true);
        FrameSource source = FrameSources.open(photo.toString(), slow);
        assertTrue(source.next() != null);
        Thread closer = Thread.ofPlatform().start(() -> {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            source.close();
        });
        long start = System.nanoTime();
        assertNull(source.next(), "the second frame is due in 5 s, but the source was closed");
        long waited = System.nanoTime() - start;
        closer.join();
        assertTrue(waited < 4_000_000_000L, "closing ended the wait after " + waited / 1e6 + " ms, not at the due time");
    }
}
