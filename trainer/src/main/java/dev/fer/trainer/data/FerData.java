package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the training and validation faces in what the user points at:
 * <ul>
 * <li>a Kaggle folder release: {@code DIR/train/<class>/} with {@code DIR/validation/<class>/}
 *     (or {@code val/}, {@code test/}), also nested as {@code DIR/images/train/...};</li>
 * <li>the original {@code fer2013.csv}, given directly or lying in {@code DIR}
 *     (Training = train, PublicTest = validation).</li>
 * </ul>
 */
public final class FerData {
    private static final List<String> VALIDATION_NAMES = List.of("validation", "val", "valid", "test");

    private final ClassFolderLoader folders;

    public FerData(ClassFolderLoader folders) {
        this.folders = folders;
    }

    public record Splits(LoadedFaces train, LoadedFaces validation) {}

    public Splits loadSplits(Path data) throws IOException {
        Path csv = findCsv(data);
        Path base = findSplitBase(data);
        if (base == null && csv != null) {
            var splits = Fer2013Csv.read(csv);
            return new Splits(splits.get(Fer2013Csv.Usage.TRAINING), splits.get(Fer2013Csv.Usage.PUBLIC_TEST));
        }
        if (base == null) {
            throw new IOException(data + ": no training data found: expected " + data + "/train/<class>/ (or "
                    + data + "/images/train/<class>/) or a fer2013.csv");
        }
        Path validation = findValidation(base);
        if (validation == null) {
            throw new IOException(base + ": missing validation split: expected " + base + "/validation/<class>/ or "
                    + base + "/test/<class>/ beside " + base + "/train/");
        }
        return new Splits(folders.load(base.resolve("train")), folders.load(validation));
    }

    /**
     * The faces to evaluate on: a folder of class subfolders as it is, or the validation split of a
     * data set root or CSV.
     */
    public LoadedFaces loadEvaluationSet(Path data) throws IOException {
        if (Files.isDirectory(data) && hasClassFolders(data)) {
            return folders.load(data);
        }
        return loadSplitForEvaluation(data);
    }

    private LoadedFaces loadSplitForEvaluation(Path data) throws IOException {
        Path base = findSplitBase(data);
        Path validation = base == null ? null : findValidation(base);
        if (validation != null) {
            return folders.load(validation);
        }
        Path csv = findCsv(data);
        if (csv != null) {
            return Fer2013Csv.read(csv).get(Fer2013Csv.Usage.PUBLIC_TEST);
        }
        throw new IOException(data + ": nothing to evaluate: expected class folders (angry/, happy/, ...), a "
                + "validation/ or test/ split, or a fer2013.csv");
    }

    private static Path findSplitBase(Path data) {
        for (Path base : List.of(data, data.resolve("images"))) {
            if (Files.isDirectory(base.resolve("train"))) {
                return base;
            }
        }
        return null;
    }

    private static Path findValidation(Path base) {
        for (String name : VALIDATION_NAMES) {
            if (Files.isDirectory(base.resolve(name))) {
                return base.resolve(name);
            }
        }
        return null;
    }

    private static Path findCsv(Path data) {
        if (Files.isRegularFile(data) && data.getFileName().toString().toLowerCase().endsWith(".csv")) {
            return data;
        }
        Path inside = data.resolve("fer2013.csv");
        return Files.isRegularFile(inside) ? inside : null;
    }

    private static boolean hasClassFolders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).anyMatch(p -> Emotion.find(p.getFileName().toString()).isPresent());
        }
    }
}
