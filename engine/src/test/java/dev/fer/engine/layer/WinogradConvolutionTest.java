package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Winograd F(2x2, 3x3) and F(4x4, 3x3) convolution against the scalar GEMM convolution. */
class WinogradConvolutionTest {

    private static void compare(ConvAlgorithm algorithm, int cin, int h, int w, int filters, Padding padding,
                                int batch, int threads, Kernels kernels, boolean relu) {
        Conv2D reference = new Conv2D(filters, 3).padding(padding).algorithm(ConvAlgorithm.GEMM);
        Conv2D winograd = new Conv2D(filters, 3).padding(padding).algorithm(algorithm);
        Shape in = Shape.of(cin, h, w);
        reference.build(in, new Random(3));
        winograd.build(in, new Random(3));
        Random random = new Random(4);
        for (int i = 0; i < reference.biasParam().size(); i++) {
            reference.biasParam().value[i] = winograd.biasParam().value[i] = (float) random.nextGaussian();
        }
        Tensor x = new Tensor(in, batch);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        try (Workers workers = Workers.of(threads)) {
            float[] expected = reference.forward(x, new Context(false, workers, Kernels.scalar(), 0)).data.clone();
            Context ctx = new Context(false, workers, kernels, 0);
            Tensor y = relu ? winograd.forwardWithRelu(x, ctx) : winograd.forward(x, ctx);
            String what = algorithm + " " + cin + "x" + h + "x" + w + " -> " + filters + " " + padding + " batch " + batch + ", "
                    + threads + " threads, " + kernels.name() + (relu ? ", relu" : "");
            int size = batch * reference.outputShape().size();
            assertEquals(size, y.size(), what);
            // the transformed weights and the sums of the products round differently: ~1e-6
            // relative for F(2x2); F(4x4)'s transforms scale by up to 8 and 1/24, ~8x more
            double tolerance = (algorithm == ConvAlgorithm.WINOGRAD ? 1e-5 : 8e-5) * Math.sqrt(9.0 * cin);
            for (int i = 0; i < size; i++) {
                float e = relu ? Math.max(expected[i], 0f) : expected[i];
                assertEquals(e, y.data[i], tolerance * (1 + Math.abs(e)), what + " at " + i);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ConvAlgorithm.class, names = {"WINOGRAD", "WINOGRAD_4X4"})
    void winogradMatchesTheDirectConvolution(ConvAlgorithm algorithm) {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            // sizes that leave a partial last tile, channel counts that are not multiples of the vector length
            compare(algorithm, 3, 9, 11, 5, Padding.SAME, 2, 1, kernels, false);
            compare(algorithm, 20, 7, 7, 33, Padding.VALID, 3, 2, kernels, false);
            compare(algorithm, 17, 12, 10, 16, Padding.SAME, 1, 1, kernels, true);
            compare(algorithm, 8, 6, 14, 8, Padding.SAME, 2, 1, kernels, false);
            // more tiles than one chunk, split over two threads; W1's second and third layers
            compare(algorithm, 32, 48, 48, 64, Padding.SAME, 1, 2, kernels, true);
            compare(algorithm, 64, 24, 24, 128, Padding.SAME, 2, 2, kernels, true);
            compare(algorithm, 1, 5, 5, 1, Padding.VALID, 1, 1, kernels, false);
        }
    }

    @Test
    void theDefaultTakesWinogradOnlyWhereItIsFaster() {
        // 6x6: 4x4 tiles would cover 8x8, F(2x2) from 64 channels
        assertEquals(ConvAlgorithm.WINOGRAD, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 64, 6));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 32, 6));
        // 12x12 and 48x48: F(4x4) from 32 channels
        assertEquals(ConvAlgorithm.WINOGRAD_4X4, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 32, 12));
        assertEquals(ConvAlgorithm.WINOGRAD_4X4, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 128, 48));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 16, 12));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 5).padding(Padding.SAME), 64, 12));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 3).stride(2).padding(Padding.SAME), 64, 12));
    }

    private static ConvAlgorithm chosenByDefault(Conv2D conv, int cin, int size) {
        conv.build(Shape.of(cin, size, size), new Random(1));
        conv.forward(new Tensor(Shape.of(cin, size, size), 1), Context.inference(Workers.single()));
        return conv.chosenAlgorithm();
    }

    @Test
    void winogradRefusesOtherKernelsAndStrides() {
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 5).algorithm(ConvAlgorithm.WINOGRAD));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).stride(2).algorithm(ConvAlgorithm.WINOGRAD));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 5).algorithm(ConvAlgorithm.WINOGRAD_4X4));
    }
}
