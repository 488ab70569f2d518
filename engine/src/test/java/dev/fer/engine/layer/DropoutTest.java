package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DropoutTest {
    private static float[] run(int threads, long seed, Tensor x) {
        return run(threads, seed, x, Kernels.best());
    }

    private static float[] run(int threads, long seed, Tensor x, Kernels kernels) {
        Dropout d = new Dropout(0.3f);
        d.build(x.shape, new Random(0));
        try (Workers w = Workers.of(threads)) {
            return d.forward(x, new Context(true, w, kernels, seed)).data.clone();
        }
    }

    @Test
    void dropsAtTheRateScalesTheRestAndIgnoresThreadCount() {
        Tensor x = new Tensor(Shape.of(16, 20, 20), 8);
        Arrays.fill(x.data, 1f);
        float[] one = run(1, 5, x);
        float[] two = run(2, 5, x);
        assertArrayEquals(one, two, "mask must not depend on the thread count");
        assertArrayEquals(one, run(2, 5, x, Kernels.scalar()), "nor on the kernel set");
        int dropped = 0;
        for (float v : one) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(1f / 0.7f, v, 1e-6f);
            }
        }
        double fraction = (double) dropped / one.length;
        assertEquals(0.3, fraction, 0.01, "dropped fraction");
        float[] other = run(1, 6, x);
        assertEquals(false, Arrays.equals(one, other), "another seed gives another mask");
    }

    @Test
    void inferencePassesInputThrough() {
        Dropout d = new Dropout(0.5f);
        Tensor x = new Tensor(Shape.of(4), 2);
        d.build(x.shape, new Random(0));
        assertSame(x, d.forward(x, Context.inference(Workers.single())));
    }
}
