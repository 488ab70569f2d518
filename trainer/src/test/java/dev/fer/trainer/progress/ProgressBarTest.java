package dev.fer.trainer.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {
    @Test
    void logModePrintsAPlainLinePerTenthAndAFinalLine() {
        var bytes = new ByteArrayOutputStream();
        try (var bar = new ProgressBar(new PrintStream(bytes), "epoch 1/3", 1000, "img", false)) {
            bar.extra(() -> "loss 1.234");
            for (int i = 0; i < 100; i++) {
                bar.step(10);
            }
        }
        String[] lines = bytes.toString().strip().split("\\R");
        assertEquals(11, lines.length, bytes.toString()); // 0%..90% and the final line
        assertTrue(lines[10].contains("1000/1000 100%") && lines[10].contains("done in")
                && lines[10].contains("img/s") && lines[10].contains("loss 1.234"), lines[10]);
        assertTrue(lines[5].contains("ETA"), lines[5]);
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertEquals("1:05", ProgressBar.clock(65));
        assertEquals("1:01:01", ProgressBar.clock(3661));
    }
}
