package dev.fer.app.analyze;

import dev.fer.capture.image.ImageFiles;
import dev.fer.capture.image.NaturalOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the command line's files and folders into the list of media to analyze: folders are
 * walked recursively in name order and contribute their images and videos (other files in a
 * folder are not media and are passed over); a file named on the command line is always tried.
 */
final class InputFiles {
    private InputFiles() {}

    static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "wmv", "flv");

    enum Kind { IMAGE, VIDEO }

    /**
     * One medium to analyze.
     *
     * @param file  where it is
     * @param label its name in the output: relative to the folder given, or the path as given
     */
    record Input(Path file, String label, Kind kind) {}

    /** A named path that does not exist or cannot be listed. */
    record Missing(String path, String reason) {}

    record Expansion(List<Input> inputs, List<Missing> missing) {}

    static Expansion expand(List<String> args) {
        List<Input> inputs = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (String arg : args) {
            Path p = Path.of(arg);
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> kindOf(f) != null)
                            .sorted((a, b) -> NaturalOrder.compare(p.relativize(a).toString(), p.relativize(b).toString()))
                            .forEach(f -> inputs.add(new Input(f, p.relativize(f).toString(), kindOf(f))));
                } catch (IOException | java.io.UncheckedIOException e) {
                    missing.add(new Missing(arg, "cannot list the folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p)) {
                Kind k = kindOf(p);
                inputs.add(new Input(p, arg, k == null ? Kind.IMAGE : k));
            } else {
                missing.add(new Missing(arg, "no such file or folder"));
            }
        }
        return new Expansion(inputs, missing);
    }

    /** IMAGE or VIDEO by extension, null for anything else. */
    static Kind kindOf(Path f) {
        if (ImageFiles.isImageFile(f)) {
            return Kind.IMAGE;
        }
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT)) ? Kind.VIDEO : null;
    }
}
