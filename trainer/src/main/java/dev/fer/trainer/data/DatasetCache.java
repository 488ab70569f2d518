package dev.fer.trainer.data;

import dev.fer.engine.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Decoded faces on disk, so a second run over the same data starts in a second instead of decoding
 * 35,887 JPEGs again. An entry is keyed by a fingerprint of its source (every file's relative path,
 * size and modification time), so any change to the folder makes a new entry. Entries are written
 * atomically; an unreadable entry is ignored and rebuilt.
 * <p>Location: system property {@code fer.cache}, else environment {@code FER_CACHE}, else
 * {@code ~/.cache/fer}.
 */
public final class DatasetCache {
    private static final int MAGIC = 0x46455243; // "FERC"
    private static final int VERSION = 1;

    private final Path dir;

    public DatasetCache(Path dir) {
        this.dir = dir;
    }

    public static DatasetCache atDefaultLocation() {
        String configured = System.getProperty("fer.cache", System.getenv("FER_CACHE"));
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "fer");
        return new DatasetCache(dir);
    }

    /** A cache key: the SHA-256 of the fingerprint text (which lists what the faces were made from). */
    public static String key(String fingerprint) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((VERSION + "\n" + fingerprint).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file(String key) {
        return dir.resolve("faces-" + key + ".bin");
    }

    public Optional<LoadedFaces> read(String key, String source) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return Optional.empty();
            }
            LoadSummary summary = LoadSummary.read(source, in);
            int n = in.readInt();
            byte[] labels = in.readNBytes(n);
            byte[] pixels = in.readNBytes(n * FaceSet.FACE_PIXELS);
            if (labels.length != n || pixels.length != n * FaceSet.FACE_PIXELS) {
                return Optional.empty();
            }
            return Optional.of(new LoadedFaces(new FaceSet(pixels, labels), summary));
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: ignoring unreadable cache entry " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes an entry atomically; a failure only costs the next run a slower start. */
    public void write(String key, LoadedFaces loaded) {
        Path file = file(key);
        try {
            AtomicFiles.write(file, stream -> {
                var out = new DataOutputStream(stream);
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                loaded.summary().write(out);
                out.writeInt(loaded.faces().size());
                out.write(loaded.faces().labels());
                out.write(loaded.faces().pixels());
                out.flush();
            });
        } catch (IOException e) {
            System.err.println("warning: could not write the face cache " + file + ": " + e.getMessage());
        }
    }
}
