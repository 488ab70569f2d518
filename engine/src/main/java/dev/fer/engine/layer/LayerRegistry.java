package dev.fer.engine.layer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Layer kinds by name, so model files can re-create layers. Other modules may register more. */
public final class LayerRegistry {
    private static final Map<String, Function<LayerConfig, Layer>> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("Conv2D", Conv2D::fromConfig);
        register("DepthwiseConv2D", DepthwiseConv2D::fromConfig);
        register("SeparableConv2D", SeparableConv2D::fromConfig);
        register("Dense", Dense::fromConfig);
        register("BatchNorm", BatchNorm::fromConfig);
        register("Dropout", Dropout::fromConfig);
        register("MaxPool2D", MaxPool2D::fromConfig);
        register("AveragePool2D", AveragePool2D::fromConfig);
        register("GlobalAveragePooling", c -> new GlobalAveragePooling());
        register("Flatten", c -> new Flatten());
        register("ReLU", c -> new ReLU());
        register("ELU", ELU::fromConfig);
        register("LeakyReLU", LeakyReLU::fromConfig);
    }

    private LayerRegistry() {}

    public static void register(String kind, Function<LayerConfig, Layer> factory) {
        FACTORIES.put(kind, factory);
    }

    /** Creates a layer of {@code kind} from its settings; unknown kinds are an error naming the kind. */
    public static Layer create(String kind, LayerConfig config) {
        Function<LayerConfig, Layer> f = FACTORIES.get(kind);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer kind '" + kind + "' (known: "
                    + new java.util.TreeSet<>(FACTORIES.keySet()) + ")");
        }
        return f.apply(config);
    }
}
