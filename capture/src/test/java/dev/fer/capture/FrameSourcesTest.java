package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.capture.image.ImageSequenceSource;
import dev.fer.capture.video.VideoFileSource;
import java.awt.Dimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --source} values and options turn into (camera values are in {@link CamerasTest}). */
class FrameSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void imageSuffixesAreImagesAndOtherFilesAreVideos() throws Exception {
        Path photo = TestData.facePhotos(1).getFirst();
        try (FrameSource source = FrameSources.open(photo.toString())) {
            assertTrue(source instanceof ImageSequenceSource);
        }
        assumeTrue(TestData.ffmpegInstalled(), "ffmpeg is not installed: the video half of this test is skipped");
        // a JPEG under a name without an image suffix goes to ffmpeg, which reads JPEG as a one-frame video
        Path disguised = Files.copy(photo, tmp.resolve("clip.bin"));
        try (FrameSource source = FrameSources.open(disguised.toString())) {
            assertTrue(source instanceof VideoFileSource, source.describe());
            Frame frame = source.next();
            assertEquals(source.size(), new Dimension(frame.width(), frame.height()));
            double diff = TestData.meanAbsDiff(TestData.read(photo), frame.image());
            assertTrue(diff < 3, "ffmpeg's decoding of the JPEG is close to ImageIO's: " + diff);
            assertNull(source.next());
        }
    }

    @Test
    void missingPathsAreReportedAsMissingFiles() {
        for (String spec : new String[] {"no/such/folder", "missing.mp4", tmp.resolve("gone.png").toString()}) {
            String message = assertThrows(CaptureException.class, () -> FrameSources.open(spec)).getMessage();
            assertTrue(message.startsWith("No such file or folder: " + spec) && message.contains("Other sources:"), message);
        }
    }

    @Test
    void resolutionsParseAndBadOnesAreNamed() {
        assertEquals(new Dimension(640, 480), CaptureOptions.parseResolution("640x480"));
        assertEquals(new Dimension(1280, 720), CaptureOptions.parseResolution(" 1280X720 "));
        for (String bad : new String[] {"640", "640x", "x480", "0x480", "-640x480", "axb", "640x480x3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaptureOptions.parseResolution(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void optionsRejectNonsense() {
        CaptureOptions defaults = CaptureOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> defaults.withFps(-1));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFps(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> defaults.withResolution(0, 10));
        assertThrows(IllegalArgumentException.class, () -> defaults.withFrameTimeout(Duration.ZERO));
        assertEquals(CaptureOptions.DEFAULT_SEQUENCE_FPS, defaults.sequenceFps());
        assertEquals(24.0, defaults.withFps(24).sequenceFps());
        assertNull(defaults.resolution());
        assertTrue(FrameSources.USAGE.contains("virtual:SOURCE"));
    }
}
