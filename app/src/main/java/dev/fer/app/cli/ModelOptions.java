package dev.fer.app.cli;

import dev.fer.trainer.model.EmotionClassifier;
import java.io.IOException;
import java.nio.file.Path;

/** {@code --model FILE}: a model trained with {@code fer-trainer}, instead of the bundled default. */
public final class ModelOptions {
    private ModelOptions() {}

    public static final String FLAG = "--model";

    public static final String USAGE = "  --model FILE       an emotion model from fer-trainer (default: the bundled model)\n";

    /** The model {@code --model} names, or the bundled one, on {@code threads} threads; failures say which and why. */
    public static EmotionClassifier load(Options o, int threads) throws IOException {
        if (o.has(FLAG)) {
            return EmotionClassifier.load(Path.of(o.get(FLAG, null))).threads(threads);
        }
        try {
            return EmotionClassifier.loadDefault().threads(threads);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage() + "; give a model file with " + FLAG, e);
        }
    }
}
