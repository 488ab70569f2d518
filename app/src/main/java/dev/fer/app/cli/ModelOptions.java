package dev.fer.app.cli;

import dev.fer.trainer.model.EmotionClassifier;
import java.io.IOException;

/**
 * {@code --model default|fast|FILE}: a bundled model or one trained with {@code fer-trainer};
 * {@code --tta}: average each face with its mirror image.
 */
public final class ModelOptions {
    private ModelOptions() {}

    public static final String FLAG = "--model";
    /** A switch: test-time augmentation (the face and its mirror image, probabilities averaged). */
    public static final String TTA = "--tta";

    public static final String USAGE = "  --model M          emotion model: default (bundled fer-net-wide, most accurate), fast\n"
            + "                     (bundled fer-lite, ~10x faster per face), or a model file from fer-trainer\n"
            + "  --tta              also classify each face's mirror image and average the two (+0.5 points\n"
            + "                     on FER2013 validation for the default model; twice the work per face)\n";

    /** The model {@code --model} names, or the bundled one, on {@code threads} threads; failures say which and why. */
    public static EmotionClassifier load(Options o, int threads) throws IOException {
        try {
            return EmotionClassifier.open(o.get(FLAG, null)).threads(threads).mirrorAveraging(o.has(TTA));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage() + "; give a model file with " + FLAG, e);
        }
    }
}
