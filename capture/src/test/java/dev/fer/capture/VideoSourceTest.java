package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.capture.support.BgrImages;
import dev.fer.capture.video.VideoFileSource;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Videos made here with ffmpeg from six shared face photos (scaled to 320x240 PNGs first, so the
 * expected frames are known exactly), decoded back through {@link VideoFileSource}.
 */
class VideoSourceTest {
    private static final int FRAMES = 6;

    @TempDir
    static Path dir;

    static boolean ffmpeg;
    static List<BufferedImage> stills = new ArrayList<>();
    static Path lossless;
    static Path compressed;

    @BeforeAll
    static void makeVideos() throws Exception {
        ffmpeg = TestData.ffmpegInstalled();
        if (!ffmpeg) {
            return;
        }
        List<Path> photos = TestData.facePhotos(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            Files.copy(photos.get(i), dir.resolve("in" + (i + 1) + ".jpg"));
        }
        // setsar=1: square pixels (plain scaling to 4:3 would mark the portrait photos' pixels as narrow)
        TestData.ffmpeg("-i", dir.resolve("in%d.jpg").toString(), "-vf", "scale=320:240,setsar=1",
                dir.resolve("still%d.png").toString());
        for (int i = 1; i <= FRAMES; i++) {
            stills.add(TestData.read(dir.resolve("still" + i + ".png")));
        }
        lossless = dir.resolve("lossless.mkv");
        TestData.ffmpeg("-framerate", "5", "-i", dir.resolve("still%d.png").toString(), "-c:v", "ffv1", "-pix_fmt", "bgr0",
                lossless.toString());
        compressed = dir.resolve("faces.mp4");
        TestData.ffmpeg("-framerate", "5", "-i", dir.resolve("still%d.png").toString(), "-c:v", "mpeg4", "-q:v", "3",
                "-pix_fmt", "yuv420p", compressed.toString());
    }

    private static void assumeFfmpeg() {
        assumeTrue(ffmpeg, "ffmpeg is not installed, so the video tests are skipped (Debian: apt-get install ffmpeg)");
    }

    @Test
    void losslessVideoGivesBackTheExactFramesInOrder() throws Exception {
        assumeFfmpeg();
        try (FrameSource source = FrameSources.open(lossless.toString())) {
            assertTrue(source instanceof VideoFileSource, source.describe());
            assertFalse(source.isLive());
            assertEquals(5.0, source.fps(), 1e-9);
            assertEquals(new Dimension(320, 240), source.size());
            for (int i = 0; i < FRAMES; i++) {
                Frame frame = source.next();
                assertEquals(i, frame.number());
                assertEquals(i * 200_000_000L, frame.timestampNanos());
                assertEquals(lossless.toString(), frame.origin());
                TestData.assertSamePixels(stills.get(i), frame.image(), "frame " + i);
            }
            assertNull(source.next(), "6 frames, then the end");
        }
    }

    @Test
    void recycledImagesAreFilledWithTheNextFrames() throws Exception {
        assumeFfmpeg();
        try (FrameSource source = FrameSources.open(lossless.toString())) {
            Frame first = source.next();
            BufferedImage image = first.image();
            source.recycle(image);
            for (int i = 1; i < FRAMES; i++) {
                Frame frame = source.next();
                assertSame(image, frame.image(), "frame " + i + " reuses the one image handed back");
                TestData.assertSamePixels(stills.get(i), frame.image(), "frame " + i);
                source.recycle(frame.image());
            }
            assertNull(source.next());
        }
    }

    @Test
    void compressedVideoFramesResembleTheirOwnStills() throws Exception {
        assumeFfmpeg();
        try (FrameSource source = FrameSources.open(compressed.toString())) {
            assertTrue(source.describe().contains("6 frames"), "mp4 says how many frames it has: " + source.describe());
            for (int i = 0; i < FRAMES; i++) {
                BufferedImage frame = source.next().image();
                double own = TestData.meanAbsDiff(stills.get(i), frame);
                assertTrue(own < 8, "frame " + i + " differs from its still by " + own + " levels on average");
                for (int j = 0; j < FRAMES; j++) {
                    if (j != i) {
                        assertTrue(TestData.meanAbsDiff(stills.get(j), frame) > 2 * own, "frame " + i + " looks like still " + j);
                    }
                }
            }
            assertNull(source.next());
        }
    }

    @Test
    void aVideoCanBeResampledAndScaled() throws Exception {
        assumeFfmpeg();
        CaptureOptions options = CaptureOptions.defaults().withFps(10).withResolution(160, 120);
        try (FrameSource source = FrameSources.open(lossless.toString(), options)) {
            assertEquals(new Dimension(160, 120), source.size());
            assertEquals(10.0, source.fps(), 1e-9);
            List<Frame> frames = new ArrayList<>();
            for (Frame f; (f = source.next()) != null; ) {
                frames.add(f);
            }
            assertEquals(2 * FRAMES, frames.size(), "1.2 s of video at 10 fps");
            for (Frame f : frames) {
                assertEquals(160, f.width());
                assertEquals(f.number() * 100_000_000L, f.timestampNanos());
                int still = (int) (f.number() / 2); // each 5 fps still covers two 10 fps frames
                double own = TestData.meanAbsDiff(BgrImages.scaled(stills.get(still), 160, 120), f.image());
                assertTrue(own < 6, "frame " + f.number() + " vs still " + still + ": " + own);
            }
        }
    }

    @Test
    void aLoopingVideoStartsOverAndKeepsCounting() throws Exception {
        assumeFfmpeg();
        try (FrameSource source = FrameSources.open(lossless.toString(), CaptureOptions.defaults().looping(true))) {
            Frame last = null;
            for (int i = 0; i < FRAMES + 2; i++) {
                last = source.next();
            }
            assertEquals(FRAMES + 1, last.number());
            assertEquals((FRAMES + 1) * 200_000_000L, last.timestampNanos());
            TestData.assertSamePixels(stills.get(1), last.image(), "second pass, second frame");
        }
    }

    @Test
    void rotationMetadataIsApplied() throws Exception {
        assumeFfmpeg();
        Path rotated = dir.resolve("rotated.mp4");
        TestData.ffmpeg("-i", compressed.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
        try (VideoFileSource source = (VideoFileSource) FrameSources.open(rotated.toString())) {
            assumeTrue(source.info().rotation() != 0, "this ffmpeg does not write rotate metadata on copy");
            assertEquals(new Dimension(240, 320), source.size());
            Frame frame = source.next();
            assertEquals(new Dimension(240, 320), new Dimension(frame.width(), frame.height()));
        }
    }

    @Test
    void nonSquarePixelsAreShownAtTheirDisplayShape() throws Exception {
        assumeFfmpeg();
        Path anamorphic = dir.resolve("anamorphic.mkv");
        // coded 320x240 with pixels twice as wide as high: shown as 640x240
        TestData.ffmpeg("-framerate", "5", "-i", dir.resolve("still%d.png").toString(), "-vf", "setsar=2",
                "-c:v", "ffv1", "-pix_fmt", "bgr0", anamorphic.toString());
        try (VideoFileSource source = (VideoFileSource) FrameSources.open(anamorphic.toString())) {
            assertEquals(2.0, source.info().pixelAspect(), 1e-9);
            assertEquals(new Dimension(640, 240), source.size());
            for (int i = 0; i < 2; i++) {
                BufferedImage frame = source.next().image();
                double diff = TestData.meanAbsDiff(BgrImages.scaled(stills.get(i), 640, 240), frame);
                assertTrue(diff < 4, "frame " + i + " stretched to 640x240 differs by " + diff);
            }
        }
    }

    @Test
    void missingFfmpegSaysHowToGetIt() {
        Path nowhere = dir.resolve("no-such-dir").resolve("ffmpeg");
        Path anyFile = TestData.facePhotos(1).getFirst().resolveSibling("clip.mp4");
        CaptureException e = assertThrows(CaptureException.class,
                () -> VideoFileSource.open(anyFile, CaptureOptions.defaults().withFfmpeg(nowhere.toString())));
        assertTrue(e.getMessage().contains("not installed") && e.getMessage().contains("apt-get install ffmpeg")
                && e.getMessage().contains("clip.mp4"), e.getMessage());
    }

    @Test
    void aCorruptVideoIsNamedAndExplained() throws Exception {
        assumeFfmpeg();
        Path noise = dir.resolve("noise.mp4");
        Files.write(noise, new java.util.Random(5).ints(4000, 0, 256).collect(
                java.io.ByteArrayOutputStream::new, (out, b) -> out.write(b), (a, b) -> a.writeBytes(b.toByteArray())).toByteArray());
        CaptureException e = assertThrows(CaptureException.class, () -> FrameSources.open(noise.toString()));
        assertTrue(e.getMessage().startsWith(noise + ": not a video"), e.getMessage());

        Path sound = dir.resolve("tone.wav");
        TestData.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=0.5", sound.toString());
        e = assertThrows(CaptureException.class, () -> FrameSources.open(sound.toString()));
        assertTrue(e.getMessage().contains("has no video stream"), e.getMessage());
    }

    @Test
    void closingStopsTheDecoderProcess() throws Exception {
        assumeFfmpeg();
        FrameSource source = FrameSources.open(lossless.toString());
        source.next();
        List<ProcessHandle> decoders = ProcessHandle.current().children()
                .filter(p -> p.info().command().orElse("").endsWith("ffmpeg")).toList();
        assertEquals(1, decoders.size(), "one ffmpeg child while playing");
        source.close();
        source.close(); // idempotent
        for (ProcessHandle p : decoders) {
            p.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(p.isAlive());
        }
        assertNull(source.next(), "a closed source is ended");
    }
}
