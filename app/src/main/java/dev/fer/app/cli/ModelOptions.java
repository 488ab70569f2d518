package dev.fer.app.cli;

import dev.fer.trainer.model.EmotionClassifier;
import java.io.IOException;

/** {@code --model default|fast|FILE}: a bundled model or one trained with {@code fer-trainer}. */
public final class ModelOptions {
    private ModelOptions() {}

    public static final String FLAG = "--model";

    public static final String USAGE = "  --model M          emotion model: default (bundled fer-net, most accurate), fast (bundled\n"
            + "                     fer-lite, ~8x faster per face), or a model file from fer-trainer\n";

    /** The model {@code --model} names, or the bundled one, on {@code threads} threads; failures say which and why. */
    public static EmotionClassifier load(Options o, int threads) throws IOException {
        try {
            return EmotionClassifier.open(o.get(FLAG, null)).threads(threads);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage() + "; give a model file with " + FLAG, e);
        }
    }
}
