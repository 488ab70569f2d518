package dev.fer.bench.engine;

import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.model.Sequential;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The zoo networks and layer shapes are the ones WORKLOADS.md describes. */
class NetworkTest {

    @Test
    void forwardMultiplyAddsMatchWorkloadsMd() {
        // WORKLOADS.md: "About 108 M multiply-adds per image" (W1), "About 743 M" (W2)
        try (Sequential w1 = Network.W1.create(1, 1)) {
            assertEquals(108e6, Network.forwardMacsPerImage(w1), 0.01 * 108e6);
            assertEquals(dev.fer.engine.zoo.Architectures.CLASSES, w1.outputShape().size());
        }
        try (Sequential w2 = Network.W2.create(1, 1)) {
            assertEquals(743e6, Network.forwardMacsPerImage(w2), 0.01 * 743e6);
        }
    }

    @Test
    void convShapeFlopIsTwiceTheEngineLayersMultiplyAdds() {
        for (ConvShape shape : ConvShape.values()) {
            Conv2D conv = new Conv2D(shape.outChannels(), ConvShape.KERNEL).padding(Padding.SAME);
            conv.build(shape.input(), new Random(0));
            assertEquals(shape.input().height(), conv.outputShape().height(), shape + ": 'same' keeps the size");
            double flop = 2.0 * Network.forwardMacs(conv) * Network.TRAIN_BATCH;
            assertEquals(flop, shape.forwardFlop(Network.TRAIN_BATCH), 0.5, shape.name());
            assertEquals(2 * flop, shape.backwardFlop(Network.TRAIN_BATCH), 0.5, shape.name());
        }
    }
}
