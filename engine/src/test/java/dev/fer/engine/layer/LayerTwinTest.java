package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole layers (forward, input gradient, parameter gradients) with the vector kernels against the
 * scalar kernels, on odd shapes, batch 1 and 3, one and two threads.
 */
class LayerTwinTest {

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("conv 3x3 same 1->32", (Supplier<Layer>) () -> new Conv2D(32, 3).padding(Padding.SAME), Shape.of(1, 13, 11)),
                Arguments.of("conv 3x3 same 19->37", (Supplier<Layer>) () -> new Conv2D(37, 3).padding(Padding.SAME), Shape.of(19, 9, 7)),
                Arguments.of("conv 1x1 33->17", (Supplier<Layer>) () -> new Conv2D(17, 1), Shape.of(33, 5, 6)),
                Arguments.of("conv 5x5 stride 2 same", (Supplier<Layer>) () -> new Conv2D(24, 5).stride(2).padding(Padding.SAME), Shape.of(3, 15, 14)),
                Arguments.of("conv 3x3 valid stride 2", (Supplier<Layer>) () -> new Conv2D(40, 3).stride(2), Shape.of(20, 9, 9)),
                Arguments.of("depthwise 5x5 stride 2", (Supplier<Layer>) () -> new DepthwiseConv2D(5).stride(2).padding(Padding.SAME), Shape.of(35, 9, 10)),
                Arguments.of("depthwise 3x3", (Supplier<Layer>) () -> new DepthwiseConv2D(3).padding(Padding.SAME), Shape.of(48, 6, 6)),
                Arguments.of("dense 300->250", (Supplier<Layer>) () -> new Dense(250), Shape.of(3, 10, 10)),
                Arguments.of("dense 37->7", (Supplier<Layer>) () -> new Dense(7), Shape.of(37)),
                Arguments.of("batch norm 37", (Supplier<Layer>) BatchNorm::new, Shape.of(37, 5, 3)),
                Arguments.of("relu", (Supplier<Layer>) ReLU::new, Shape.of(35, 3, 3)),
                Arguments.of("max pool 2", (Supplier<Layer>) () -> new MaxPool2D(2), Shape.of(35, 7, 8)),
                Arguments.of("avg pool 3 stride 2 same", (Supplier<Layer>) () -> new AveragePool2D(3, 2, Padding.SAME), Shape.of(21, 7, 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void vectorMatchesScalar(String name, Supplier<Layer> factory, Shape input) {
        for (int batch : new int[] {1, 3}) {
            for (int threads : new int[] {1, 2}) {
                try (Workers workers = Workers.of(threads)) {
                    compare(name + " batch " + batch + " threads " + threads, factory, input, batch, workers);
                }
            }
        }
    }

    private static void compare(String what, Supplier<Layer> factory, Shape input, int batch, Workers workers) {
        Layer scalar = factory.get();
        Layer vector = factory.get();
        Shape out = scalar.build(input, new Random(5));
        vector.build(input, new Random(5));
        Random random = new Random(9);
        Tensor x = new Tensor(input, batch);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        Tensor dy = new Tensor(out, batch);
        for (int i = 0; i < dy.data.length; i++) {
            dy.data[i] = (float) random.nextGaussian();
        }
        Context cs = new Context(true, workers, Kernels.scalar(), 1);
        Context cv = new Context(true, workers, Kernels.best(), 1);
        if (batch == 1 && (scalar instanceof BatchNorm) && input.height() * input.width() < 2) {
            return;
        }
        float[] y0 = scalar.forward(x, cs).data.clone();
        float[] y1 = vector.forward(x, cv).data.clone();
        close(y0, y1, batch * out.size(), what + " forward");
        float[] dx0 = scalar.backward(dy, cs).data.clone();
        float[] dx1 = vector.backward(dy, cv).data.clone();
        close(dx0, dx1, batch * input.size(), what + " input gradient");
        for (int p = 0; p < scalar.params().size(); p++) {
            Param ps = scalar.params().get(p);
            if (ps.trainable()) {
                close(ps.grad, vector.params().get(p).grad, ps.size(), what + " gradient of " + ps.name());
            }
        }
    }

    private static void close(float[] a, float[] b, int n, String what) {
        for (int i = 0; i < n; i++) {
            assertEquals(a[i], b[i], 1e-3f * (1 + Math.abs(a[i])), what + " at " + i);
        }
    }
}
