package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BatchNorm#forwardWithRelu} and the gated backward that follows it give exactly what
 * BatchNorm then ReLU give layer by layer: the output, the input gradient and the gamma and beta
 * gradients, bit for bit, with both kernel sets, on channel counts inside one vector, across the
 * vector length and with a tail.
 */
class BatchNormReluFusionTest {
    @ParameterizedTest(name = "{0} channels")
    @ValueSource(ints = {5, 16, 19, 33})
    void fusedPairMatchesTheLayersOneByOne(int channels) {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            for (int threads : new int[] {1, 2}) {
                check(channels, kernels, threads);
            }
        }
    }

    private static void check(int channels, Kernels kernels, int threads) {
        Shape shape = Shape.of(channels, 4, 5);
        int batch = 3;
        Random random = new Random(channels);
        float[] x = new float[batch * shape.size()];
        float[] dz = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
            dz[i] = (float) random.nextGaussian();
        }
        BatchNorm separate = new BatchNorm();
        BatchNorm fused = new BatchNorm();
        separate.build(shape, new Random(1));
        fused.build(shape, new Random(1));
        for (BatchNorm bn : new BatchNorm[] {separate, fused}) { // beta > 0 on some channels, < 0 on others
            for (int c = 0; c < channels; c++) {
                bn.gamma().value[c] = 0.5f + 0.1f * c;
                bn.beta().value[c] = 0.3f * (c % 3 - 1);
            }
        }
        ReLU relu = new ReLU();
        relu.build(shape, new Random(1));
        try (Workers workers = Workers.of(threads)) {
            Context ctx = new Context(true, workers, kernels, 5);
            Tensor z1 = relu.forward(separate.forward(new Tensor(shape, batch, x.clone()), ctx), ctx);
            Tensor dx1 = separate.backward(relu.backward(new Tensor(shape, batch, dz.clone()), ctx), ctx);
            Tensor z2 = fused.forwardWithRelu(new Tensor(shape, batch, x.clone()), ctx);
            Tensor dx2 = fused.backward(new Tensor(shape, batch, dz.clone()), ctx);
            String what = kernels.name() + ", " + threads + " threads, " + channels + " channels: ";
            int zeros = 0;
            for (float v : z2.data) {
                zeros += v == 0f ? 1 : 0;
            }
            assertTrue(zeros > 0 && zeros < z2.data.length, what + "the ReLU cuts some values, not all");
            assertArrayEquals(z1.data, z2.data, 0f, what + "output");
            assertArrayEquals(dx1.data, dx2.data, 0f, what + "input gradient");
            assertArrayEquals(separate.gamma().grad, fused.gamma().grad, 0f, what + "gamma gradient");
            assertArrayEquals(separate.beta().grad, fused.beta().grad, 0f, what + "beta gradient");
            assertArrayEquals(separate.runningMean().value, fused.runningMean().value, 0f, what + "running mean");
        }
    }
}
