package dev.fer.engine.model;

import dev.fer.engine.io.AtomicFiles;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.layer.LayerConfig;
import dev.fer.engine.layer.LayerRegistry;
import dev.fer.engine.layer.Param;
import dev.fer.engine.tensor.Shape;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The model file format, version 1 (all numbers little-endian):
 * <pre>
 * magic      4 bytes  "FERM"
 * version    int32    1
 * archLength int32    bytes of the architecture text
 * arch       UTF-8    "input CxHxW\n" then one line per layer: "Kind key=value ...\n"
 * count      int32    number of parameter arrays
 * per array: nameLength int32, name UTF-8 ("layerIndex.Kind.param"), length int32, length x float32
 * crc32      int32    CRC-32 of every byte before it
 * </pre>
 * Saved to a temporary file in the same folder, then renamed over the target (atomic). Loading
 * checks size, magic, version and checksum before parsing, and that every array matches the
 * architecture, so a truncated, corrupt or foreign file fails with a message naming the file.
 */
public final class ModelFile {
    static final byte[] MAGIC = {'F', 'E', 'R', 'M'};
    public static final int VERSION = 1;

    private ModelFile() {}

    public static void save(Sequential model, Path file) throws IOException {
        AtomicFiles.write(file, encode(model));
    }

    static byte[] encode(Sequential model) {
        StringBuilder arch = new StringBuilder("input ").append(model.inputShape()).append('\n');
        for (Layer layer : model.layers()) {
            arch.append(layer.kind());
            String config = LayerConfig.format(layer.config());
            if (!config.isEmpty()) {
                arch.append(' ').append(config);
            }
            arch.append('\n');
        }
        byte[] archBytes = arch.toString().getBytes(StandardCharsets.UTF_8);
        List<Param> params = model.params();
        List<String> names = names(model);
        long size = 4 + 4 + 4 + archBytes.length + 4 + 4;
        for (int i = 0; i < params.size(); i++) {
            size += 4 + names.get(i).getBytes(StandardCharsets.UTF_8).length + 4 + 4L * params.get(i).size();
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("model too large for one file: " + size + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(archBytes.length).put(archBytes).putInt(params.size());
        for (int i = 0; i < params.size(); i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            buf.putInt(name.length).put(name).putInt(params.get(i).size());
            buf.asFloatBuffer().put(params.get(i).value);
            buf.position(buf.position() + 4 * params.get(i).size());
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    private static List<String> names(Sequential model) {
        List<String> names = new java.util.ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            for (Param p : layers.get(i).params()) {
                names.add(i + "." + layers.get(i).kind() + "." + p.name());
            }
        }
        return names;
    }

    public static Sequential load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file");
        }
        if (bytes.length < 16) {
            throw new ModelFileException(file, "too short to be a model file (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFileException(file, "not a fer model file (magic bytes are not FERM)");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = buf.getInt(4);
        if (version != VERSION) {
            throw new ModelFileException(file, "unsupported model file version " + version + " (this engine reads version "
                    + VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = buf.getInt(bytes.length - 4);
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(file, "checksum mismatch: the file is truncated or corrupt");
        }
        try {
            return decode(file, buf, bytes.length - 4);
        } catch (IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException e) {
            throw new ModelFileException(file, "invalid model: " + e.getMessage(), e);
        }
    }

    private static Sequential decode(Path file, ByteBuffer buf, int end) throws ModelFileException {
        buf.position(8);
        int archLength = buf.getInt();
        if (archLength < 0 || archLength > end - buf.position()) {
            throw new ModelFileException(file, "architecture length " + archLength + " exceeds the file");
        }
        byte[] arch = new byte[archLength];
        buf.get(arch);
        String[] lines = new String(arch, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 2 || !lines[0].startsWith("input ")) {
            throw new ModelFileException(file, "architecture has no 'input' line or no layers");
        }
        Sequential model = new Sequential(Shape.parse(lines[0].substring(6)));
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            String kind = space < 0 ? line : line.substring(0, space);
            String settings = space < 0 ? "" : line.substring(space + 1);
            model.add(LayerRegistry.create(kind, LayerConfig.parse(kind, settings)));
        }
        model.build();
        List<Param> params = model.params();
        List<String> names = names(model);
        int count = buf.getInt();
        if (count != params.size()) {
            throw new ModelFileException(file, "has " + count + " parameter arrays, the architecture needs " + params.size());
        }
        for (int i = 0; i < count; i++) {
            int nameLength = buf.getInt();
            if (nameLength < 0 || nameLength > end - buf.position()) {
                throw new ModelFileException(file, "parameter " + i + " name length " + nameLength + " exceeds the file");
            }
            byte[] name = new byte[nameLength];
            buf.get(name);
            String n = new String(name, StandardCharsets.UTF_8);
            if (!n.equals(names.get(i))) {
                throw new ModelFileException(file, "parameter " + i + " is '" + n + "', expected '" + names.get(i) + "'");
            }
            int length = buf.getInt();
            Param p = params.get(i);
            if (length != p.size()) {
                throw new ModelFileException(file, "parameter " + n + " has " + length + " values, expected " + p.size());
            }
            if ((long) length * 4 > end - buf.position()) {
                throw new ModelFileException(file, "parameter " + n + " runs past the end of the file");
            }
            buf.asFloatBuffer().get(p.value);
            buf.position(buf.position() + 4 * length);
            p.changed();
        }
        if (buf.position() != end) {
            throw new ModelFileException(file, (end - buf.position()) + " unexpected bytes after the parameters");
        }
        return model;
    }
}
