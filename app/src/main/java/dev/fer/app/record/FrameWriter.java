package dev.fer.app.record;

import dev.fer.app.pipeline.AnalyzedFrame;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes analyzed frames one after another, each one flushed as soon as it is written, so a
 * recording that is cut short (a crash, a kill) keeps every frame but the one being written.
 */
public interface FrameWriter extends AutoCloseable {
    void write(AnalyzedFrame frame) throws IOException;

    @Override
    void close() throws IOException;

    /**
     * A recording file for the live window: CSV or JSON by the file's extension, with wall-clock
     * time stamps.
     */
    static FrameWriter open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".csv")) {
            throw new IllegalArgumentException(
                    "cannot record to " + file + ": the file name must end in .csv or .json");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return json ? new JsonFrameWriter(out, true) : new CsvFrameWriter(out, true);
    }
}
