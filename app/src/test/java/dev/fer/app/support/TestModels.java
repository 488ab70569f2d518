package dev.fer.app.support;

import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.model.EmotionClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The classifier the tests run: the bundled default model when the build has one, else the
 * default's workload-sized stand-in (W1 fer-small, fixed seed, untrained). The pipeline's tests
 * check the plumbing (shapes, batching, probabilities, tracking), which holds for any weights.
 */
public final class TestModels {
    private TestModels() {}

    public static boolean hasDefault() {
        return EmotionClassifier.class.getResource(EmotionClassifier.DEFAULT_MODEL_RESOURCE) != null;
    }

    public static EmotionClassifier classifier() {
        return hasDefault() ? EmotionClassifier.loadDefault() : EmotionClassifier.of(Architectures.ferSmall().seed(7).build());
    }

    /** The command-line arguments that select the test model: none, or {@code --model} with the stand-in saved in {@code dir}. */
    public static List<String> modelArgs(Path dir) throws IOException {
        if (hasDefault()) {
            return List.of();
        }
        Path file = dir.resolve("stand-in.fer");
        Architectures.ferSmall().seed(7).build().save(file);
        return List.of("--model", file.toString());
    }
}
