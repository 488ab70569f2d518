package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.WindowGeometry;
import dev.fer.engine.kernel.WinogradConvolution;
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

    /**
     * Training by Winograd (forward, weight gradient by the transform's adjoint, input gradient)
     * against the scalar direct convolution: gradients of a loss sum(y * r) for a random r.
     */
    private static void compareTraining(ConvAlgorithm algorithm, int cin, int h, int w, int filters, Padding padding,
                                        int batch, int threads, Kernels kernels) {
        Conv2D reference = new Conv2D(filters, 3).padding(padding).algorithm(ConvAlgorithm.GEMM);
        Conv2D winograd = new Conv2D(filters, 3).padding(padding).algorithm(algorithm);
        Shape in = Shape.of(cin, h, w);
        reference.build(in, new Random(3));
        winograd.build(in, new Random(3));
        reference.inputGradient(true);
        winograd.inputGradient(true);
        Random random = new Random(5);
        Tensor x = new Tensor(in, batch);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        Tensor dy = new Tensor(reference.outputShape(), batch);
        for (int i = 0; i < dy.data.length; i++) {
            dy.data[i] = (float) random.nextGaussian();
        }
        String what = algorithm + " training " + cin + "x" + h + "x" + w + " -> " + filters + " " + padding + " batch "
                + batch + ", " + threads + " threads, " + kernels.name();
        try (Workers workers = Workers.of(threads)) {
            Context scalar = new Context(true, workers, Kernels.scalar(), 0);
            reference.forward(x, scalar);
            float[] dxExpected = reference.backward(dy, scalar).data.clone();
            Context ctx = new Context(true, workers, kernels, 0);
            winograd.forward(x, ctx);
            float[] dx = winograd.backward(dy, ctx).data;
            // a weight's gradient sums batch x outH x outW products: its rounding grows with sqrt of that
            double pixels = batch * (double) reference.outputShape().size() / filters;
            double tolerance = (algorithm == ConvAlgorithm.WINOGRAD ? 1e-5 : 8e-5);
            float[] gw = reference.weight().grad;
            float[] gwWinograd = winograd.weight().grad;
            for (int i = 0; i < gw.length; i++) {
                assertEquals(gw[i], gwWinograd[i], tolerance * Math.sqrt(pixels) * (1 + Math.abs(gw[i])),
                        what + ": weight gradient at " + i);
            }
            float[] gb = reference.biasParam().grad;
            for (int i = 0; i < gb.length; i++) {
                assertEquals(gb[i], winograd.biasParam().grad[i], 1e-5 * Math.sqrt(pixels) * (1 + Math.abs(gb[i])),
                        what + ": bias gradient at " + i);
            }
            double dxTolerance = tolerance * Math.sqrt(9.0 * filters);
            for (int i = 0; i < dx.length; i++) {
                assertEquals(dxExpected[i], dx[i], dxTolerance * (1 + Math.abs(dxExpected[i])),
                        what + ": input gradient at " + i);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = ConvAlgorithm.class, names = {"WINOGRAD", "WINOGRAD_4X4"})
    void winogradTrainingMatchesTheDirectConvolution(ConvAlgorithm algorithm) {
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            // partial last tiles, odd channel counts (row remainders of 1 to 5, vector tails)
            compareTraining(algorithm, 3, 9, 11, 5, Padding.SAME, 2, 1, kernels);
            compareTraining(algorithm, 20, 7, 7, 33, Padding.VALID, 3, 2, kernels);
            compareTraining(algorithm, 17, 12, 10, 16, Padding.SAME, 1, 1, kernels);
            compareTraining(algorithm, 8, 6, 14, 70, Padding.SAME, 2, 2, kernels);
            // fer-net's 32 -> 32 (4-row tiles after 6-row ones, 2-vector tiles) and a W1 layer, more
            // tiles than one chunk on each of two threads
            compareTraining(algorithm, 32, 24, 24, 32, Padding.SAME, 2, 2, kernels);
            compareTraining(algorithm, 64, 12, 12, 128, Padding.SAME, 8, 2, kernels);
        }
    }

    /**
     * {@link WinogradConvolution#weightGradient} on a 'same' shape whose last tiles stick out of
     * the output, split over two parts, against the direct sum over pixels; and the bias gradient
     * it reads off the transformed dy against the plain sum of dy.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 4})
    void winogradWeightGradientCoversPartialTiles(int tile) {
        int h = 9;
        int w = 11;
        int cin = 5;
        int cout = 19;
        int batch = 2;
        WindowGeometry g = WindowGeometry.of(h, w, cin, 3, 3, 1, true);
        Random random = new Random(6);
        float[] x = new float[batch * h * w * cin];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] dy = new float[batch * h * w * cout];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) random.nextGaussian();
        }
        for (Kernels kernels : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            WinogradConvolution conv = new WinogradConvolution(g, cout, tile, 2, kernels);
            conv.prepareWeightGradient();
            int tiles = conv.tiles(batch);
            float[] biasSum = new float[cout];
            conv.weightGradient(x, dy, 0, tiles / 3, 0, biasSum);
            conv.weightGradient(x, dy, tiles / 3, tiles, 1, biasSum);
            float[] grad = new float[9 * cin * cout];
            conv.kernelGradient(0, cin, grad);
            for (int co = 0; co < cout; co++) {
                double sum = 0;
                for (int i = co; i < dy.length; i += cout) {
                    sum += dy[i];
                }
                assertEquals(sum, biasSum[co], 1e-5 * Math.sqrt(batch * h * w) * (1 + Math.abs(sum)),
                        "F(" + tile + "x" + tile + ") " + kernels.name() + " bias gradient [" + co + "]");
            }
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    for (int ci = 0; ci < cin; ci++) {
                        for (int co = 0; co < cout; co++) {
                            double sum = 0;
                            for (int n = 0; n < batch; n++) {
                                for (int oy = 0; oy < h; oy++) {
                                    for (int ox = 0; ox < w; ox++) {
                                        int iy = oy + ky - 1;
                                        int ix = ox + kx - 1;
                                        if (iy >= 0 && ix >= 0 && iy < h && ix < w) {
                                            sum += x[((n * h + iy) * w + ix) * cin + ci]
                                                    * (double) dy[((n * h + oy) * w + ox) * cout + co];
                                        }
                                    }
                                }
                            }
                            float got = grad[((ky * 3 + kx) * cin + ci) * cout + co];
                            assertEquals(sum, got, 1e-4 * Math.sqrt(batch * h * w) * (1 + Math.abs(sum)),
                                    "F(" + tile + "x" + tile + ") " + kernels.name() + " dW[" + ky + "][" + kx + "][" + ci
                                            + "][" + co + "]");
                        }
                    }
                }
            }
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
