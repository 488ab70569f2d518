package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.WindowGeometry;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Depthwise convolution (depth multiplier 1): each channel is correlated with its own kernel;
 * weights {@code w[ky][kx][c]}. A direct kernel vectorized along the contiguous channel axis
 * (a GEMM would have an inner dimension of only kh*kw), on weights packed once per change.
 * Forward splits output rows over threads (so a single image uses them all), backward splits
 * images; the weight gradient is reduced per thread and added in thread order.
 */
public final class DepthwiseConv2D extends BaseLayer {
    private final int kh;
    private final int kw;
    private int stride = 1;
    private Padding padding = Padding.VALID;
    private boolean useBias = true;
    private Param weight;
    private Param bias;
    private WindowGeometry g;

    private Kernels kernels;
    /** The weights and bias as the kernels read them, repacked when either changes. */
    private float[] packed;
    private int packedWeightVersion = -1;
    private int packedBiasVersion = -1;
    private Kernels packedFor;
    private Tensor x;
    private Tensor y;
    private Tensor dy;
    private Tensor dx;
    private float[][] partialW;
    private Workers.Task forwardTask;
    private Workers.Task backwardTask;

    public DepthwiseConv2D(int kernel) {
        this(kernel, kernel);
    }

    public DepthwiseConv2D(int kernelHeight, int kernelWidth) {
        if (kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("kernel size must be positive");
        }
        this.kh = kernelHeight;
        this.kw = kernelWidth;
    }

    public DepthwiseConv2D stride(int stride) {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive: " + stride);
        }
        this.stride = stride;
        return this;
    }

    public DepthwiseConv2D padding(Padding padding) {
        this.padding = padding;
        return this;
    }

    public DepthwiseConv2D bias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    public static DepthwiseConv2D fromConfig(LayerConfig c) {
        int[] k = c.pair("kernel");
        return new DepthwiseConv2D(k[0], k[1]).stride(c.integer("stride")).padding(c.padding("padding"))
                .bias(c.bool("bias"));
    }

    @Override
    protected Shape init(Shape input, Random random) {
        g = WindowGeometry.of(input.height(), input.width(), input.channels(), kh, kw, stride, padding == Padding.SAME);
        weight = Param.weight("depthwise_kernel", kh * kw * input.channels());
        heNormal(weight.value, kh * kw, random);
        weight = adopt(weight);
        bias = adopt(useBias ? Param.bias("bias", input.channels()) : null);
        return Shape.of(input.channels(), g.outHeight(), g.outWidth());
    }

    public Param weight() {
        return weight;
    }

    /** The bias, or null without bias. */
    public Param biasParam() {
        return bias;
    }

    @Override
    public List<Param> params() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        kernels = ctx.kernels();
        pack(ctx.training());
        y = Tensor.reuse(y, out, input.batch);
        if (forwardTask == null) {
            forwardTask = (part, parts) -> {
                // (image, output row) units, so one image is split over threads too
                int rows = g.outHeight();
                int u0 = Workers.splitStart(x.batch * rows, part, parts, 1);
                int u1 = Workers.splitStart(x.batch * rows, part + 1, parts, 1);
                for (int u = u0; u < u1; ) {
                    int n = u / rows;
                    int end = Math.min(u1, (n + 1) * rows);
                    kernels.depthwiseForward(g, x.data, n * in.size(), packed, y.data, n * out.size(), u - n * rows,
                            end - n * rows);
                    u = end;
                }
            };
        }
        ctx.workers().run(forwardTask);
        return y;
    }

    /** Packs the weights when they changed; always in training, where tests poke weights in place. */
    private void pack(boolean always) {
        int biasVersion = bias == null ? 0 : bias.version();
        if (!always && packedFor == kernels && packedWeightVersion == weight.version() && packedBiasVersion == biasVersion) {
            return;
        }
        int size = kernels.depthwisePackedSize(g);
        if (packed == null || packed.length != size) {
            packed = new float[size];
        }
        kernels.depthwisePack(g, weight.value, bias == null ? null : bias.value, packed);
        packedFor = kernels;
        packedWeightVersion = weight.version();
        packedBiasVersion = biasVersion;
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != x.batch) {
            throw new IllegalStateException("DepthwiseConv2D.backward without a matching forward");
        }
        dy = gradOut;
        int c = in.channels();
        if (bias != null) {
            kernels.sumRows(dy.data, 0, dy.batch * out.height() * out.width(), c, bias.grad);
        }
        int parts = ctx.workers().threads();
        if (partialW == null || partialW.length != parts) {
            partialW = new float[parts][weight.size()];
        }
        if (needInputGradient) {
            dx = Tensor.reuse(dx, in, x.batch);
        }
        if (backwardTask == null) {
            backwardTask = (part, nParts) -> {
                float[] pw = partialW[part];
                Arrays.fill(pw, 0f);
                int n0 = Workers.splitStart(x.batch, part, nParts, 1);
                int n1 = Workers.splitStart(x.batch, part + 1, nParts, 1);
                for (int n = n0; n < n1; n++) {
                    kernels.depthwiseBackward(g, x.data, n * in.size(), weight.value, dy.data, n * out.size(),
                            needInputGradient ? dx.data : null, n * in.size(), pw);
                }
            };
        }
        ctx.workers().run(backwardTask);
        for (float[] pw : partialW) {
            for (int i = 0; i < pw.length; i++) {
                weight.grad[i] += pw[i];
            }
        }
        return needInputGradient ? dx : null;
    }

    @Override
    public String kind() {
        return "DepthwiseConv2D";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kernel", kh + "x" + kw);
        c.put("stride", Integer.toString(stride));
        c.put("padding", padding.toString());
        c.put("bias", Boolean.toString(useBias));
        return c;
    }
}
