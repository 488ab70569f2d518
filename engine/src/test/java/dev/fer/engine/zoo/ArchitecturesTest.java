package dev.fer.engine.zoo;

import dev.fer.engine.layer.BatchNorm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Dense;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The zoo networks have the shapes and multiply-add counts of shared/bench/WORKLOADS.md. */
class ArchitecturesTest {

    /** Multiply-adds of one forward pass (conv + dense), as torch_bench.py counts them. */
    private static long macs(Sequential model) {
        long total = 0;
        for (Layer layer : model.layers()) {
            Shape in = layer.inputShape();
            Shape out = layer.outputShape();
            if (layer instanceof Conv2D conv) {
                total += (long) out.size() * in.channels() * conv.kernelHeight() * conv.kernelWidth();
            } else if (layer instanceof Dense) {
                total += (long) in.size() * out.size();
            }
        }
        return total;
    }

    @Test
    void ferSmallIsW1() {
        Sequential w1 = Architectures.create("fer-small").build();
        assertEquals(Shape.of(7), w1.outputShape());
        long macs = macs(w1);
        assertTrue(Math.abs(macs - 108e6) < 1.5e6, "W1 MACs " + macs);
        assertTrue(w1.layers().stream().filter(l -> l instanceof BatchNorm)
                .allMatch(l -> ((BatchNorm) l).epsilon() == 1e-3f), "BN eps 1e-3");
        assertEquals(Shape.of(4608), w1.layers().get(w1.layers().size() - 5).outputShape());
    }

    @Test
    void ferVggIsW2() {
        Sequential w2 = Architectures.create("fer-vgg").build();
        long macs = macs(w2);
        assertTrue(Math.abs(macs - 743e6) < 3e6, "W2 MACs " + macs);
        Dense first = (Dense) w2.layers().stream().filter(l -> l instanceof Dense).findFirst().orElseThrow();
        assertEquals(36864, first.inputShape().size());
        assertEquals(1e-4f, first.weight().l2());
    }

    @Test
    void unknownNameIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Architectures.create("nope"));
        assertTrue(e.getMessage().contains("fer-small"), e.getMessage());
    }
}
