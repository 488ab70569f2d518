package dev.fer.bench.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    @Test
    void roundTripsWithTorchBenchKeys(@TempDir Path dir) throws IOException {
        Figures f = new Figures();
        f.put(Figures.WORKLOADS, "W1", "train_img_s", 2, 223.3);
        f.put(Figures.WORKLOADS, "W1", "train_foreign_load", 2, 0.05);
        f.put(Figures.LAYERS, "C2", "fwd_gflops", 1, 248.0);
        Path file = dir.resolve("ours.json");
        f.write(file);
        String json = Files.readString(file);
        assertTrue(json.matches("(?s).*\"train_img_s\": \\{\\s*\"2\": 223.3\\s*}.*"), json);
        Figures back = Figures.read(file);
        assertEquals(223.3, back.get(Figures.WORKLOADS, "W1", "train_img_s", 2));
        assertEquals(248.0, back.get(Figures.LAYERS, "C2", "fwd_gflops", 1));
        assertNull(back.get(Figures.LAYERS, "C2", "fwd_gflops", 2));
        assertNull(back.get(Figures.LAYERS, "C9", "fwd_gflops", 1));
        assertEquals(0.05, back.maxForeignLoad());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void badFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"workloads\": ");
        IOException e = assertThrows(IOException.class, () -> Figures.read(file));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(file, "[1, 2]");
        e = assertThrows(IOException.class, () -> Figures.read(file));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }
}
