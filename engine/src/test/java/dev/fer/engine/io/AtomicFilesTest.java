package dev.fer.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesIntoMissingFoldersAndReplacesAnExistingFile() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second, longer");
        assertEquals("second, longer", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), listAll(target.getParent()));
    }

    @Test
    void writesBytes() throws IOException {
        byte[] bytes = {0, 1, -1, 42};
        Path target = dir.resolve("bytes.bin");
        AtomicFiles.write(target, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(target));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.txt");
        AtomicFiles.writeString(target, "old");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk on fire");
        }));
        assertEquals("disk on fire", thrown.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listAll(dir));
    }

    private static List<Path> listAll(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }
}
