package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.capture.tool.CaptureCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCheckTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CaptureCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void readsASourceAndReportsCountsAndSkippedFiles() throws Exception {
        for (Path photo : TestData.facePhotos(2)) {
            Files.copy(photo, tmp.resolve(photo.getFileName()));
        }
        Files.write(tmp.resolve("zz-broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0});
        assertEquals(0, run("--source", tmp.toString(), "--frames", "10", "--fps", "20"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("folder " + tmp + " (3 images)") && text.contains("nominal 20.00 fps"), text);
        assertTrue(text.contains("; 2 frames, ") && text.contains("frames/s") && text.contains("last frame 1 at 0.050 s"), text);
        assertTrue(text.contains("1 skipped:") && text.contains("zz-broken.jpg"), text);
    }

    @Test
    void badArgumentsAndBadSourcesHaveDistinctExitCodes() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.toString().contains("unknown option '--frobnicate'"), err.toString());
        assertEquals(2, run("--resolution", "big"));
        assertEquals(1, run("--source", tmp.resolve("missing.png").toString()));
        assertTrue(err.toString().contains("No such file or folder"), err.toString());
    }
}
