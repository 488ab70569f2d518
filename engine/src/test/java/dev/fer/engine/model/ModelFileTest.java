package dev.fer.engine.model;

import dev.fer.engine.zoo.Architectures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    private Sequential trained() {
        Sequential model = SequentialTest.tinyNet(21);
        SyntheticTask data = new SyntheticTask(64, 3);
        dev.fer.engine.optim.Adam adam = new dev.fer.engine.optim.Adam(model.params(), 1e-3f);
        model.trainStep(Arrays.copyOf(data.images, 32 * 144), Arrays.copyOf(data.labels, 32), 32);
        adam.step();
        return model;
    }

    @Test
    void saveLoadRoundTripsBitExactly() throws IOException {
        Sequential model = trained();
        Path file = dir.resolve("m.ferm");
        model.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(model.summary(), loaded.summary());
        assertArrayEquals(SequentialTest.flatten(model), SequentialTest.flatten(loaded));
        SyntheticTask data = new SyntheticTask(16, 4);
        float[] p = new float[16 * 4];
        float[] q = new float[16 * 4];
        model.predict(data.images, 16, p);
        loaded.predict(data.images, 16, q);
        assertArrayEquals(p, q);
        // saving the loaded model gives the same bytes
        Path again = dir.resolve("again.ferm");
        loaded.save(again);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void ferSmallRoundTrips() throws IOException {
        Sequential model = Architectures.create("fer-small").seed(5);
        Path file = dir.resolve("fer-small.ferm");
        model.save(file);
        assertArrayEquals(SequentialTest.flatten(model), SequentialTest.flatten(Sequential.load(file)));
    }

    @Test
    void truncatedFileFailsClearly() throws IOException {
        Path file = dir.resolve("t.ferm");
        trained().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        Files.write(file, Arrays.copyOf(bytes, 10));
        e = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void corruptByteFailsChecksum() throws IOException {
        Path file = dir.resolve("c.ferm");
        trained().save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void wrongVersionAndMagicFail() throws IOException {
        Path file = dir.resolve("v.ferm");
        trained().save(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 99);
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        Files.writeString(file, "this is not a model file at all");
        e = assertThrows(ModelFileException.class, () -> Sequential.load(file));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        assertThrows(ModelFileException.class, () -> Sequential.load(dir.resolve("missing.ferm")));
    }
}
