package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** FFT convolution against the scalar GEMM convolution. */
class FftConvolutionTest {

    private static void compare(int cin, int h, int w, int filters, int kh, int kw, Padding padding, int batch,
                                int threads) {
        Conv2D reference = new Conv2D(filters, kh, kw).padding(padding);
        Conv2D fft = new Conv2D(filters, kh, kw).padding(padding).algorithm(ConvAlgorithm.FFT);
        Shape in = Shape.of(cin, h, w);
        reference.build(in, new Random(3));
        fft.build(in, new Random(3));
        Random random = new Random(4);
        for (int i = 0; i < reference.biasParam().size(); i++) {
            reference.biasParam().value[i] = fft.biasParam().value[i] = (float) random.nextGaussian();
        }
        Tensor x = new Tensor(in, batch);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        try (Workers workers = Workers.of(threads)) {
            float[] expected = reference.forward(x, new Context(false, workers, Kernels.scalar(), 0)).data.clone();
            Tensor y = fft.forward(x, new Context(false, workers, Kernels.best(), 0));
            String what = cin + "x" + h + "x" + w + " -> " + filters + " k" + kh + "x" + kw + " " + padding;
            for (int i = 0; i < batch * reference.outputShape().size(); i++) {
                assertEquals(expected[i], y.data[i], 2e-3f * (1 + Math.abs(expected[i])), what + " at " + i);
            }
        }
    }

    @Test
    void fftMatchesScalarConvolution() {
        compare(3, 9, 11, 5, 3, 3, Padding.SAME, 2, 1);
        compare(2, 12, 12, 7, 5, 5, Padding.VALID, 1, 1);
        compare(4, 8, 7, 3, 5, 5, Padding.SAME, 3, 2);
        compare(5, 6, 6, 17, 1, 1, Padding.VALID, 1, 1);
        compare(1, 10, 9, 4, 2, 3, Padding.SAME, 2, 2);
    }

    @Test
    void autoPicksAnAlgorithmAndKeepsResults() {
        Conv2D auto = new Conv2D(16, 5).padding(Padding.SAME).algorithm(ConvAlgorithm.AUTO);
        Conv2D gemm = new Conv2D(16, 5).padding(Padding.SAME);
        Shape in = Shape.of(8, 16, 16);
        auto.build(in, new Random(1));
        gemm.build(in, new Random(1));
        Tensor x = new Tensor(in, 2);
        Random random = new Random(2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) random.nextGaussian();
        }
        Context ctx = Context.inference(Workers.single());
        float[] a = auto.forward(x, ctx).data.clone();
        assertNotNull(auto.chosenAlgorithm());
        float[] b = gemm.forward(x, ctx).data;
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 2e-3f * (1 + Math.abs(b[i])), "at " + i);
        }
    }
}
