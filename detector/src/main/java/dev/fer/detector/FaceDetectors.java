package dev.fer.detector;

import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.blazeface.BlazeFaceVariant;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The one place that turns the command-line choice ({@code --detector haar|blazeface},
 * {@code --blazeface-model short|full|FILE}) into a {@link FaceDetector}, for every command and the
 * live window.
 */
public final class FaceDetectors {
    /** The names {@code --detector} accepts. */
    public static final List<String> NAMES = List.of("haar", "blazeface");
    /** What {@code --detector} is when not given. */
    public static final String DEFAULT = "haar";

    /**
     * @param haarParams     {@code detectMultiScale} parameters of the Haar cascade
     * @param blazefaceModel {@code short} or {@code full} for the packaged BlazeFace models, or the
     *                       path of a BlazeFace {@code .tflite} file; null for {@code full}
     * @param threads        threads each detection may use (1: the calling thread only)
     */
    public record Options(DetectionParams haarParams, String blazefaceModel, int threads) {
        public static final Options DEFAULT = new Options(DetectionParams.DEFAULT, null, 1);

        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        public Options withHaarParams(DetectionParams params) {
            return new Options(params, blazefaceModel, threads);
        }

        public Options withBlazefaceModel(String model) {
            return new Options(haarParams, model, threads);
        }

        public Options withThreads(int n) {
            return new Options(haarParams, blazefaceModel, n);
        }
    }

    private FaceDetectors() {
    }

    public static FaceDetector create(String name) {
        return create(name, Options.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException for an unknown detector name or an unusable model file, with a
     *                                  message fit for the user
     */
    public static FaceDetector create(String name, Options options) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "haar" -> new HaarCascadeDetector(Cascade.frontalFace(), options.haarParams(), options.threads());
            case "blazeface" -> blazeface(options.blazefaceModel(), options.threads());
            default -> throw new IllegalArgumentException(
                    "unknown detector '" + name + "'; choose one of " + String.join(", ", NAMES));
        };
    }

    private static FaceDetector blazeface(String model, int threads) {
        String m = model == null ? "full" : model;
        switch (m.toLowerCase(Locale.ROOT)) {
            case "short" -> {
                return BlazeFaceDetector.load(BlazeFaceVariant.SHORT_RANGE, threads);
            }
            case "full" -> {
                return BlazeFaceDetector.load(BlazeFaceVariant.FULL_RANGE, threads);
            }
            default -> {
                Path file = Path.of(m);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--blazeface-model: " + file
                            + " is not a file (give short, full, or the path of a BlazeFace .tflite model)");
                }
                try {
                    return BlazeFaceDetector.load(file, threads);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the BlazeFace model " + file, e);
                }
            }
        }
    }
}
