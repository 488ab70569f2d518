package dev.fer.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.engine.layer.Layer;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworksTest {
    @TempDir
    Path dir;

    /** The default architecture must still build the bundled default model's layers, or retraining it with the README's command would not reproduce it. */
    @Test
    void theDefaultArchitectureBuildsTheBundledDefaultModelsLayers() throws IOException {
        Path file = dir.resolve("default.fer");
        try (InputStream in = NetworksTest.class.getResourceAsStream(EmotionClassifier.DEFAULT_MODEL_RESOURCE)) {
            Files.copy(in, file);
        }
        Sequential bundled = Sequential.load(file);
        Networks.register();
        Sequential built = Architectures.create(Networks.DEFAULT).seed(1).build().foldedForInference();
        assertEquals(describe(bundled.layers()), describe(built.layers()));
        assertEquals(bundled.parameterCount(), built.parameterCount());
    }

    @Test
    void wideNetWidensOnlyTheLateBlocksAndFitsTheModelSizeLimit() {
        Networks.register();
        Sequential net = Architectures.create(Networks.NET).seed(1).build();
        Sequential wide = Architectures.create(Networks.WIDE).seed(1).build();
        assertEquals(List.of(32, 32, 64, 64, 128, 128, 256, 256), convFilters(net));
        assertEquals(List.of(32, 32, 64, 64, 160, 160, 320, 320), convFilters(wide));
        assertEquals(describe(net.layers()).size(), describe(wide.layers()).size(), "same layer sequence");
        assertEquals(2_328_103, wide.parameterCount());
        assertTrue(wide.parameterCount() * 4 < 10_000_000, "the default model may take at most 10 MB");
        assertEquals(Architectures.CLASSES, wide.outputShape().size());
    }

    private static List<String> describe(List<Layer> layers) {
        return layers.stream().map(l -> l.kind() + l.config()).toList();
    }

    private static List<Integer> convFilters(Sequential net) {
        return net.layers().stream().filter(l -> l.kind().equals("Conv2D"))
                .map(l -> Integer.parseInt(l.config().get("filters"))).toList();
    }
}
