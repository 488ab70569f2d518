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

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every layer's backward against central finite differences of L = sum(r * forward(x)) for a
 * random r, for the input and every trainable parameter, with both kernel sets.
 */
class GradientCheckTest {
    private static final int BATCH = 2;

    static Stream<Arguments> layers() {
        return Stream.of(
                arg("Conv2D 3x3 same", () -> new Conv2D(5, 3).padding(Padding.SAME), Shape.of(3, 6, 7)),
                arg("Conv2D 3x3 valid stride 2", () -> new Conv2D(4, 3).stride(2), Shape.of(2, 7, 8)),
                arg("Conv2D 5x5 same stride 2", () -> new Conv2D(3, 5).stride(2).padding(Padding.SAME), Shape.of(2, 7, 6)),
                arg("Conv2D 1x1 no bias", () -> new Conv2D(6, 1).bias(false), Shape.of(5, 3, 4)),
                arg("Conv2D 2x3", () -> new Conv2D(3, 2, 3).padding(Padding.SAME), Shape.of(2, 5, 5)),
                arg("Conv2D 1 channel", () -> new Conv2D(17, 3).padding(Padding.SAME), Shape.of(1, 5, 6)),
                // training's Winograd forward and input gradient, F(2x2) (even output sizes) and F(4x4)
                // (multiples of 4), asked for and by the default rule
                arg("Conv2D Winograd same", () -> new Conv2D(5, 3).padding(Padding.SAME).algorithm(ConvAlgorithm.WINOGRAD),
                        Shape.of(3, 6, 4)),
                arg("Conv2D Winograd valid", () -> new Conv2D(4, 3).algorithm(ConvAlgorithm.WINOGRAD), Shape.of(2, 6, 8)),
                arg("Conv2D Winograd 4x4 same", () -> new Conv2D(5, 3).padding(Padding.SAME)
                        .algorithm(ConvAlgorithm.WINOGRAD_4X4), Shape.of(3, 8, 4)),
                arg("Conv2D Winograd 4x4 valid", () -> new Conv2D(4, 3).algorithm(ConvAlgorithm.WINOGRAD_4X4),
                        Shape.of(2, 6, 10)),
                arg("Conv2D 64 channels 6x6 (default: F(2x2))", () -> new Conv2D(3, 3).padding(Padding.SAME),
                        Shape.of(64, 6, 6)),
                arg("Conv2D 32 channels 4x8 (default: F(4x4))", () -> new Conv2D(3, 3).padding(Padding.SAME),
                        Shape.of(32, 4, 8)),
                arg("DepthwiseConv2D 3x3 same", () -> new DepthwiseConv2D(3).padding(Padding.SAME), Shape.of(5, 6, 5)),
                arg("DepthwiseConv2D 5x5 stride 2", () -> new DepthwiseConv2D(5).stride(2).padding(Padding.SAME), Shape.of(19, 7, 8)),
                arg("SeparableConv2D", () -> new SeparableConv2D(4, 3).padding(Padding.SAME), Shape.of(3, 5, 5)),
                arg("Dense", () -> new Dense(9), Shape.of(2, 3, 4)),
                arg("Dense no bias", () -> new Dense(3).bias(false), Shape.of(13)),
                arg("BatchNorm", () -> new BatchNorm(), Shape.of(5, 3, 4)),
                arg("BatchNorm dense", () -> new BatchNorm(), Shape.of(7)),
                arg("MaxPool2D", () -> new MaxPool2D(2), Shape.of(3, 6, 6)),
                arg("MaxPool2D 3 stride 2 same", () -> new MaxPool2D(3, 2, Padding.SAME), Shape.of(3, 7, 7)),
                arg("AveragePool2D", () -> new AveragePool2D(2), Shape.of(3, 6, 5)),
                arg("AveragePool2D 3 stride 2 same", () -> new AveragePool2D(3, 2, Padding.SAME), Shape.of(2, 7, 6)),
                arg("GlobalAveragePooling", GlobalAveragePooling::new, Shape.of(4, 3, 5)),
                arg("Flatten", Flatten::new, Shape.of(3, 2, 2)),
                arg("ReLU", ReLU::new, Shape.of(3, 4, 4)),
                arg("ELU", ELU::new, Shape.of(3, 4, 4)),
                arg("LeakyReLU", LeakyReLU::new, Shape.of(3, 4, 4)),
                arg("Dropout", () -> new Dropout(0.4f), Shape.of(3, 4, 4)));
    }

    private static Arguments arg(String name, Supplier<Layer> layer, Shape input) {
        return Arguments.of(name, layer, input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardMatchesFiniteDifferencesScalar(String name, Supplier<Layer> factory, Shape input) {
        check(factory.get(), input, Kernels.scalar());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void backwardMatchesFiniteDifferencesBest(String name, Supplier<Layer> factory, Shape input) {
        check(factory.get(), input, Kernels.best());
    }

    static void check(Layer layer, Shape inShape, Kernels kernels) {
        Random random = new Random(7);
        Shape outShape = layer.build(inShape, random);
        Tensor x = new Tensor(inShape, BATCH);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        if (layer instanceof MaxPool2D) {
            // distinct values further apart than the finite-difference step: no argmax flips
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = 0.05f * (i - x.data.length / 2);
            }
            for (int i = x.data.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                float t = x.data[i];
                x.data[i] = x.data[j];
                x.data[j] = t;
            }
        }
        float[] r = new float[BATCH * outShape.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        // analytic
        Tensor y = layer.forward(x, context(kernels));
        for (Param p : layer.params()) {
            if (p.trainable()) {
                java.util.Arrays.fill(p.grad, 0f);
            }
        }
        Tensor dx = layer.backward(new Tensor(outShape, BATCH, r.clone()), context(kernels));
        float[] dxCopy = dx.data.clone();
        assertTrue(y.size() == r.length);
        compare(layer, "input", x.data, dxCopy, () -> loss(layer, x, r, kernels));
        for (Param p : layer.params()) {
            if (p.trainable()) {
                compare(layer, p.name(), p.value, p.grad.clone(), () -> {
                    p.changed();
                    return loss(layer, x, r, kernels);
                });
            }
        }
    }

    private static Context context(Kernels kernels) {
        return new Context(true, Workers.single(), kernels, 99);
    }

    private static double loss(Layer layer, Tensor x, float[] r, Kernels kernels) {
        Tensor y = layer.forward(x, context(kernels));
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * y.data[i];
        }
        return s;
    }

    private static void compare(Layer layer, String what, float[] values, float[] analytic,
                                java.util.function.DoubleSupplier loss) {
        float h = 1e-2f;
        double maxErr = 0;
        double scale = 1e-3;
        for (float a : analytic) {
            scale = Math.max(scale, Math.abs(a));
        }
        int n = values.length;
        int step = Math.max(1, n / 60);
        for (int i = 0; i < n; i += step) {
            float v = values[i];
            values[i] = v + h;
            double up = loss.getAsDouble();
            values[i] = v - h;
            double down = loss.getAsDouble();
            values[i] = v;
            double numeric = (up - down) / (2 * h);
            double err = Math.abs(numeric - analytic[i]);
            if (err > 2e-2 * scale + 1e-3 && err > 3e-2 * Math.abs(numeric)) {
                fail(layer.kind() + " " + what + "[" + i + "]: analytic " + analytic[i] + " numeric " + numeric);
            }
            maxErr = Math.max(maxErr, err / scale);
        }
        loss.getAsDouble();
        assertTrue(maxErr < 2e-2, layer.kind() + " " + what + " max relative error " + maxErr);
    }
}
