package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.progress.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Loads a folder of class subfolders ({@code angry/ disgust/ ...}, any case, synonyms allowed) into a
 * {@link FaceSet}: decoding runs on several threads with a progress bar, and the result is cached so
 * later runs skip the decoding. Faces come out in a fixed order (class, then file name), whatever the
 * thread count, so runs are reproducible.
 */
public final class ClassFolderLoader {
    static final String CORRUPT = "corrupt or unreadable images";
    static final String NOT_IMAGE = "non-image files";
    static final String EMPTY_CLASS = "empty class folders";

    private final DatasetCache cache;
    private final int threads;
    private final PrintStream log;

    public ClassFolderLoader(DatasetCache cache, int threads, PrintStream log) {
        this.cache = cache;
        this.threads = Math.max(1, threads);
        this.log = log;
    }

    private record Item(Path file, Emotion emotion, long size, long modified) {}

    public LoadedFaces load(Path dir) throws IOException {
        List<Item> items = list(dir);
        StringBuilder fingerprint = new StringBuilder("folder\n");
        for (Item item : items) {
            fingerprint.append(dir.relativize(item.file())).append('\t').append(item.size()).append('\t')
                    .append(item.modified()).append('\n');
        }
        String key = DatasetCache.key(fingerprint.toString());
        var cached = cache.read(key, dir.toString());
        if (cached.isPresent()) {
            return cached.get();
        }
        LoadedFaces loaded = decode(dir, items);
        cache.write(key, loaded);
        return loaded;
    }

    /** Every file under each class folder, sorted; unknown class folders fail with a clear error. */
    private List<Item> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder");
        }
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new IOException(dir + ": no class folders (expected angry/, disgust/, fear/, happy/, neutral/, sad/, surprise/)");
        }
        List<Item> items = new ArrayList<>();
        for (Path classDir : classDirs) {
            String name = classDir.getFileName().toString();
            Emotion emotion = Emotion.find(name).orElseThrow(() -> new IOException(
                    classDir + ": unknown class folder '" + name + "'; expected angry, disgust, fear, happy, "
                            + "neutral, sad, surprise (or a synonym such as anger, surprised)"));
            try (Stream<Path> files = Files.walk(classDir)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(p -> !hidden(p))
                        .sorted(Comparator.comparing(Path::toString))::iterator) {
                    BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                    items.add(new Item(file, emotion, attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
            }
        }
        items.sort(Comparator.comparing((Item i) -> i.emotion()).thenComparing(i -> i.file().toString()));
        return items;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private LoadedFaces decode(Path dir, List<Item> items) throws IOException {
        LoadSummary summary = new LoadSummary(dir.toString());
        for (Emotion e : Emotion.values()) {
            if (items.stream().noneMatch(i -> i.emotion() == e) && Files.isDirectory(dir.resolve(e.label()))) {
                summary.skip(EMPTY_CLASS, dir.resolve(e.label()) + ": empty class folder");
            }
        }
        byte[][] faces = new byte[items.size()][];
        int chunk = 64;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                 Thread t = new Thread(r, "face-decoder");
                 t.setDaemon(true);
                 return t;
             });
             ProgressBar bar = new ProgressBar(log, "decoding " + dir.getFileName(), items.size(), "img")) {
            List<Future<?>> futures = new ArrayList<>();
            for (int start = 0; start < items.size(); start += chunk) {
                int from = start;
                int to = Math.min(items.size(), start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        faces[i] = decodeOne(items.get(i).file(), summary);
                    }
                    bar.step(to - from);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + dir, e);
        } catch (ExecutionException e) {
            throw new IOException("decoding " + dir + " failed: " + e.getCause(), e.getCause());
        }
        int n = 0;
        for (byte[] face : faces) {
            if (face != null) {
                n++;
            }
        }
        byte[] pixels = new byte[n * FaceSet.FACE_PIXELS];
        byte[] labels = new byte[n];
        int j = 0;
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] != null) {
                System.arraycopy(faces[i], 0, pixels, j * FaceSet.FACE_PIXELS, FaceSet.FACE_PIXELS);
                labels[j++] = (byte) items.get(i).emotion().ordinal();
            }
        }
        summary.loaded(n);
        return new LoadedFaces(new FaceSet(pixels, labels), summary);
    }

    private static byte[] decodeOne(Path file, LoadSummary summary) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean looksLikeImage = name.matches(".*\\.(jpe?g|png|bmp|gif)$");
        try {
            return FaceImages.readFace(file);
        } catch (IOException e) {
            summary.skip(looksLikeImage ? CORRUPT : NOT_IMAGE, e.getMessage());
            return null;
        }
    }
}
