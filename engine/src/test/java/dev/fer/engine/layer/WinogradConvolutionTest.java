package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Winograd F(2x2, 3x3) convolution against the scalar GEMM convolution. */
class WinogradConvolutionTest {

    private static void compare(int cin, int h, int w, int filters, Padding padding, int batch, int threads,
                                Kernels kernels, boolean relu) {
        Conv2D reference = new Conv2D(filters, 3).padding(padding).algorithm(ConvAlgorithm.GEMM);
        Conv2D winograd = new Conv2D(filters, 3).padding(padding).algorithm(ConvAlgorithm.WINOGRAD);
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
            String what = cin + "x" + h + "x" + w + " -> " + filters + " " + padding + " batch " + batch + ", "
                    + threads + " threads, " + kernels.name() + (relu ? ", relu" : "");
            int size = batch * reference.outputShape().size();
            assertEquals(size, y.size(), what);
            // the transformed weights and the sums of 16 products round differently: ~1e-6 relative
            double tolerance = 1e-5 * Math.sqrt(9.0 * cin);
            for (int i = 0; i < size; i++) {
                float e = relu ? Math.max(expected[i], 0f) : expected[i];
                assertEquals(e, y.data[i], tolerance * (1 + Math.abs(e)), what + " at " + i);
            }
        }
    }

    @Test
    void winogradMatchesTheDirectConvolution() {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            // odd sizes (a last tile half outside), channel counts that are not multiples of the vector length
            compare(3, 9, 11, 5, Padding.SAME, 2, 1, kernels, false);
            compare(20, 7, 7, 33, Padding.VALID, 3, 2, kernels, false);
            compare(17, 12, 10, 16, Padding.SAME, 1, 1, kernels, true);
            // more tiles than one chunk, split over two threads; W1's third layer
            compare(64, 24, 24, 128, Padding.SAME, 2, 2, kernels, true);
            compare(1, 5, 5, 1, Padding.VALID, 1, 1, kernels, false);
        }
    }

    @Test
    void theDefaultTakesWinogradOnlyWhereItIsFaster() {
        assertEquals(ConvAlgorithm.WINOGRAD, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 64));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 3).padding(Padding.SAME), 32));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 5).padding(Padding.SAME), 64));
        assertEquals(ConvAlgorithm.GEMM, chosenByDefault(new Conv2D(8, 3).stride(2).padding(Padding.SAME), 64));
    }

    private static ConvAlgorithm chosenByDefault(Conv2D conv, int cin) {
        conv.build(Shape.of(cin, 6, 6), new Random(1));
        conv.forward(new Tensor(Shape.of(cin, 6, 6), 1), Context.inference(Workers.single()));
        return conv.chosenAlgorithm();
    }

    @Test
    void winogradRefusesOtherKernelsAndStrides() {
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 5).algorithm(ConvAlgorithm.WINOGRAD));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(4, 3).stride(2).algorithm(ConvAlgorithm.WINOGRAD));
    }
}
