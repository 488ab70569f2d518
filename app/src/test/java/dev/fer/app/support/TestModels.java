package dev.fer.app.support;

import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.model.Networks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The classifier the tests run: the bundled default model when the build has one, else a stand-in
 * with the default's architecture ({@link Networks#DEFAULT}, fixed seed, untrained, batch norm
 * folded as for inference). The pipeline's tests check the plumbing (shapes, batching,
 * probabilities, tracking), which holds for any weights.
 */
public final class TestModels {
    private TestModels() {}

    public static boolean hasDefault() {
        return EmotionClassifier.class.getResource(EmotionClassifier.DEFAULT_MODEL_RESOURCE) != null;
    }

    public static EmotionClassifier classifier() {
        return hasDefault() ? EmotionClassifier.loadDefault() : EmotionClassifier.of(standIn());
    }

    /** The command-line arguments that select the test model: none, or {@code --model} with the stand-in saved in {@code dir}. */
    public static List<String> modelArgs(Path dir) throws IOException {
        if (hasDefault()) {
            return List.of();
        }
        Path file = dir.resolve("stand-in.fer");
        standIn().save(file);
        return List.of("--model", file.toString());
    }

    private static Sequential standIn() {
        Networks.register();
        return Architectures.create(Networks.DEFAULT).seed(7).build().foldedForInference();
    }
}
