package dev.fer.engine.zoo;

import dev.fer.engine.layer.BatchNorm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Dropout;
import dev.fer.engine.layer.Flatten;
import dev.fer.engine.layer.MaxPool2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.tensor.Shape;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Named network builders: the workloads of {@code shared/bench/WORKLOADS.md} ({@code fer-small}
 * = W1, {@code fer-vgg} = W2) and any architecture another module registers (the trainer adds its
 * default model here). Input: one 48x48 gray face; output: 7 logits.
 */
public final class Architectures {
    public static final Shape FACE = Shape.of(1, 48, 48);
    public static final int CLASSES = 7;

    private static final Map<String, Supplier<Sequential>> BUILDERS = new ConcurrentHashMap<>();

    static {
        register("fer-small", Architectures::ferSmall);
        register("fer-vgg", Architectures::ferVgg);
    }

    private Architectures() {}

    public static void register(String name, Supplier<Sequential> builder) {
        BUILDERS.put(name, builder);
    }

    /** A fresh, unbuilt model of the named architecture (set seed/threads, then use it). */
    public static Sequential create(String name) {
        Supplier<Sequential> b = BUILDERS.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "' (known: " + names() + ")");
        }
        return b.get();
    }

    public static Set<String> names() {
        return new TreeSet<>(BUILDERS.keySet());
    }

    private static Conv2D conv(int filters) {
        return new Conv2D(filters, 3).padding(Padding.SAME);
    }

    private static BatchNorm bn() {
        return new BatchNorm().epsilon(1e-3f).momentum(0.99f);
    }

    /** W1: 4 x (conv 3x3 same, BN, ReLU), 3 max-pools, dense 4608 -> 250 -> 7. ~108 M MAC/image. */
    public static Sequential ferSmall() {
        return new Sequential(FACE)
                .add(conv(32)).add(bn()).add(new ReLU())
                .add(conv(64)).add(bn()).add(new ReLU()).add(new MaxPool2D(2)).add(new Dropout(0.25f))
                .add(conv(128)).add(bn()).add(new ReLU()).add(new MaxPool2D(2)).add(new Dropout(0.25f))
                .add(conv(128)).add(bn()).add(new ReLU()).add(new MaxPool2D(2)).add(new Dropout(0.25f))
                .add(new Flatten()).add(new Dense(250)).add(new ReLU()).add(new Dropout(0.5f))
                .add(new Dense(CLASSES));
    }

    /** W2: VGG-style 6 x (conv 3x3 same, ReLU), 2 max-pools, dense 36864 -> 512 (L2 1e-4) -> 7. ~743 M MAC/image. */
    public static Sequential ferVgg() {
        return new Sequential(FACE)
                .add(conv(64)).add(new ReLU()).add(conv(64)).add(new ReLU())
                .add(new MaxPool2D(2)).add(new Dropout(0.25f))
                .add(conv(128)).add(new ReLU()).add(conv(128)).add(new ReLU())
                .add(conv(256)).add(new ReLU()).add(conv(256)).add(new ReLU())
                .add(new MaxPool2D(2)).add(new Dropout(0.25f))
                .add(new Flatten()).add(new Dense(512).l2(1e-4f)).add(new ReLU()).add(new Dropout(0.5f))
                .add(new Dense(CLASSES));
    }
}
