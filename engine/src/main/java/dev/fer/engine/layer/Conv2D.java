package dev.fer.engine.layer;

import dev.fer.engine.kernel.FftConvolution;
import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.Layouts;
import dev.fer.engine.kernel.RowLayout;
import dev.fer.engine.kernel.WindowGeometry;
import dev.fer.engine.kernel.WinogradConvolution;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * 2-D convolution (cross-correlation as in Keras/PyTorch), any kernel size and stride, 'same' or
 * 'valid' padding, optional bias, He-normal initialization. Weights are HWIO:
 * {@code w[ky][kx][cin][cout]}.
 *
 * <p>All three passes are one GEMM kernel reading its left matrix in place (no im2col copy):
 * <ul>
 *   <li>forward: Y[pixel][cout] = patches(X)[pixel][k] . W[k][cout], patch rows taken straight
 *       from the zero-padded NHWC input;</li>
 *   <li>input gradient: the transposed convolution, computed as a stride-1 forward convolution of
 *       the (dilated, padded) output gradient with the 180-degree-rotated, in/out-swapped kernel;</li>
 *   <li>weight gradient: dW[k][cout] = sum over pixels of patches(X)[pixel][k] . dY[pixel][cout],
 *       straight into HWIO ({@link Kernels#patchWeightGradient}); threads split k, so the sums
 *       are the same for any thread count.</li>
 * </ul>
 * A 3x3 stride-1 layer with enough channels ({@link ConvAlgorithm#DEFAULT}) runs all three by
 * Winograd's transforms instead ({@link WinogradConvolution}: the forward pass and the input
 * gradient as Winograd convolutions, the weight gradient by their adjoint), reading the input and
 * the output gradient as they lie, with no padded copy.
 */
public final class Conv2D extends BaseLayer {
    private static final int ROW_ALIGN = 8;
    /**
     * Output rows per GEMM call when a ReLU is fused into the forward pass: the ReLU then runs on
     * rows the GEMM has just written, still in L2 (192 rows x 128 channels = 96 KB), instead of in
     * a pass of its own over the whole output (150 MB for W1's second layer at batch 256). A
     * multiple of both GEMM tile heights.
     */
    private static final int RELU_CHUNK = 192;

    private final int filters;
    private final int kh;
    private final int kw;
    private int stride = 1;
    private Padding padding = Padding.VALID;
    /** Kernel spectra above this many floats make FFT unaffordable (AUTO then keeps GEMM). */
    private static final long FFT_MAX_SPECTRA = 64L << 20;
    /**
     * Input channels from which {@link ConvAlgorithm#DEFAULT} takes Winograd F(2x2) for a 3x3
     * stride-1 layer (in training, and in inference where F(4x4) does not fit): from 64 channels
     * it measured 1.4-2.2x faster than GEMM on W1's and fer-net's layers, at 32 about even, below
     * slower (its GEMMs get too short a K for their tile overhead).
     */
    static final int WINOGRAD_MIN_CHANNELS = 64;
    /**
     * Input channels from which DEFAULT takes Winograd F(4x4) in inference, where 4x4 tiles
     * cover the output with at most a quarter more pixels than it has: at batch 2 (one pass of
     * image-parallel inference), 1 thread, it measured 1.8x faster than GEMM on 32 -> 64 at 48x48,
     * 1.4x faster than F(2x2) on 64 -> 128 at 24x24 and 1.1-1.3x on 128 channels at 12x12; at
     * 6x6 (4x4 tiles cover 8x8) it was slower than F(2x2). Training follows the same rule for
     * its forward pass and input gradient: W1 training 1.21x faster on 1 thread, 1.27x on 2.
     */
    static final int WINOGRAD_4X4_MIN_CHANNELS = 32;
    /** The inference algorithm asked for. */
    private ConvAlgorithm requested = ConvAlgorithm.DEFAULT;
    /** The inference algorithm in use; null until the first inference resolves DEFAULT or AUTO. */
    private ConvAlgorithm chosen;
    private FftConvolution fft;
    private int fftVersion = -1;
    private int fftParts;
    private Workers.Task fftTask;
    private Tensor fftInput;
    /** The Winograd passes, forward and input gradient, F(2x2) and F(4x4); null where the shape does not fit. */
    private WinogradPass winogradForward;
    private WinogradPass winogradInputGradient;
    private WinogradPass winograd4x4Forward;
    private WinogradPass winograd4x4InputGradient;
    private boolean useBias = true;
    private float l2;

    private Param weight;
    private Param bias;
    private WindowGeometry g;

    // forward state
    private Tensor y;
    private float[] padded;
    private float[] patchSource;
    private int paddedH;
    private int paddedW;
    private float[] packedW;
    private int packedVersion = -1;
    private Kernels packedFor;
    private final RowLayout forwardRows = new RowLayout();
    private Kernels kernels;
    private int batch;
    private Tensor input;
    private Workers.Task padTask;
    private final Workers.Loop forwardLoop = this::forwardPiece;
    /** Set during {@link #forwardWithRelu}: every algorithm's forward pass ends in max(0, y). */
    private boolean reluEpilogue;
    /** {@link #forwardWithReluAndPool}'s output. */
    private Tensor pooled;
    private Shape pooledShape;

    // backward state
    private Tensor dx;
    private float[][] biasPartials;
    private float[] dyPadded;
    private float[] rotated;
    private float[] packedRotated;
    private final RowLayout inputGradRows = new RowLayout();
    private RowLayout[] patchRows;
    private Tensor gradOut;
    private Workers.Task gradPadTask;
    private Workers.Task weightTask;
    private int weightRows;
    private Workers.Task inputTask;
    private int inputRowsCount;

    public Conv2D(int filters, int kernel) {
        this(filters, kernel, kernel);
    }

    public Conv2D(int filters, int kernelHeight, int kernelWidth) {
        if (filters <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("Conv2D needs positive filters and kernel size");
        }
        this.filters = filters;
        this.kh = kernelHeight;
        this.kw = kernelWidth;
    }

    public Conv2D stride(int stride) {
        if (stride <= 0) {
            throw new IllegalArgumentException("stride must be positive: " + stride);
        }
        this.stride = stride;
        return this;
    }

    public Conv2D padding(Padding padding) {
        this.padding = padding;
        return this;
    }

    /**
     * Inference forward algorithm (default {@link ConvAlgorithm#DEFAULT}); FFT needs stride 1,
     * Winograd a 3x3 kernel and stride 1.
     */
    public Conv2D algorithm(ConvAlgorithm algorithm) {
        if (algorithm == ConvAlgorithm.FFT && stride != 1) {
            throw new IllegalArgumentException("FFT convolution needs stride 1, this layer has stride " + stride);
        }
        if ((algorithm == ConvAlgorithm.WINOGRAD || algorithm == ConvAlgorithm.WINOGRAD_4X4)
                && !WinogradConvolution.supports(kh, kw, stride)) {
            throw new IllegalArgumentException("Winograd convolution needs a 3x3 kernel and stride 1, this layer has "
                    + kh + "x" + kw + " stride " + stride);
        }
        this.requested = algorithm;
        this.chosen = null;
        return this;
    }

    /** The algorithm inference uses: the one set, or what DEFAULT or AUTO chose (null before the first inference). */
    public ConvAlgorithm chosenAlgorithm() {
        return chosen;
    }

    public Conv2D bias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /** Keras-style L2 regularization of the kernel: adds {@code l2 * sum(w^2)} to the loss. */
    public Conv2D l2(float l2) {
        this.l2 = l2;
        return this;
    }

    public static Conv2D fromConfig(LayerConfig c) {
        int[] k = c.pair("kernel");
        return new Conv2D(c.integer("filters"), k[0], k[1]).stride(c.integer("stride"))
                .padding(c.padding("padding")).bias(c.bool("bias")).l2(c.number("l2"));
    }

    @Override
    protected Shape init(Shape input, Random random) {
        g = WindowGeometry.of(input.height(), input.width(), input.channels(), kh, kw, stride, padding == Padding.SAME);
        int k = kh * kw * input.channels();
        weight = Param.weight("kernel", k * filters);
        heNormal(weight.value, k, random);
        if (l2 > 0) {
            weight.l2(l2);
        }
        weight = adopt(weight);
        bias = adopt(useBias ? Param.bias("bias", filters) : null);
        paddedH = g.paddedHeight();
        paddedW = g.paddedWidth();
        if (WinogradConvolution.supports(kh, kw, stride)) {
            winogradForward = new WinogradPass(g, filters, 2);
            winograd4x4Forward = new WinogradPass(g, filters, 4);
            // the input gradient: a 3x3 convolution of the output gradient, padded by 2 minus the
            // forward pass's padding, with the rotated kernel (the padding never written out)
            WindowGeometry transposed = new WindowGeometry(g.outHeight(), g.outWidth(), filters, kh, kw, 1,
                    kh - 1 - g.padTop(), kw - 1 - g.padLeft(), g.height(), g.width());
            winogradInputGradient = new WinogradPass(transposed, input.channels(), 2);
            winograd4x4InputGradient = new WinogradPass(transposed, input.channels(), 4);
        }
        return Shape.of(filters, g.outHeight(), g.outWidth());
    }

    public Param weight() {
        return weight;
    }

    /** The bias, or null without bias. */
    public Param biasParam() {
        return bias;
    }

    public int filters() {
        return filters;
    }

    public int stride() {
        return stride;
    }

    public Padding padding() {
        return padding;
    }

    public int kernelHeight() {
        return kh;
    }

    public int kernelWidth() {
        return kw;
    }

    @Override
    public List<Param> params() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    private boolean needsPadding() {
        return g.padTop() > 0 || g.padLeft() > 0 || paddedH > g.height() || paddedW > g.width();
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        checkInput(x);
        if (ctx.training()) {
            WinogradPass pass = trainingPass(winogradForward, winograd4x4Forward);
            return pass != null ? forwardWinogradTraining(pass, x, ctx) : forwardGemm(x, ctx);
        }
        if (chosen == null) {
            chosen = switch (requested) {
                case DEFAULT -> defaultAlgorithm();
                case AUTO -> stride == 1 ? benchmark(x, ctx) : ConvAlgorithm.GEMM;
                default -> requested;
            };
        }
        return forwardWith(chosen, x, ctx);
    }

    /**
     * Inference forward pass followed by a ReLU, with the same result as {@link #forward} then
     * {@link ReLU#forward}, bit for bit, but the ReLU applied to each block of output rows as soon
     * as the GEMM has written it (the model runs this for conv-ReLU pairs in inference; training
     * keeps the two layers apart because the ReLU's backward pass needs its own input).
     */
    public Tensor forwardWithRelu(Tensor x, Context ctx) {
        if (ctx.training()) {
            throw new IllegalStateException("forwardWithRelu is for inference only");
        }
        reluEpilogue = true;
        try {
            return forward(x, ctx);
        } finally {
            reluEpilogue = false;
        }
    }

    /**
     * Whether inference can run this layer, the ReLU after it and a 2x2 max-pool of stride 2 as one
     * pass: when it convolves by F(4x4) (chosen, or DEFAULT's choice) into an even output, the pool
     * is taken inside each 4x4 output tile ({@link #forwardWithReluAndPool}).
     */
    public boolean poolsInOutput(Context ctx) {
        ConvAlgorithm algorithm = chosen != null ? chosen : requested == ConvAlgorithm.DEFAULT ? defaultAlgorithm() : requested;
        return !ctx.training() && algorithm == ConvAlgorithm.WINOGRAD_4X4 && winograd4x4Forward != null
                && winograd4x4Forward.pools(ctx);
    }

    /**
     * Inference: max-pool 2x2 / stride 2 of max(0, this layer's output), bit for bit what the three
     * layers give one by one, but the full-size output is never written (one pass over it and one
     * barrier fewer; the model runs this where {@link #poolsInOutput} says it can).
     */
    public Tensor forwardWithReluAndPool(Tensor x, Context ctx) {
        checkInput(x);
        if (!poolsInOutput(ctx)) {
            throw new IllegalStateException("this convolution cannot pool in its output pass: see poolsInOutput");
        }
        chosen = ConvAlgorithm.WINOGRAD_4X4;
        batch = x.batch;
        pooledShape = pooledShape != null ? pooledShape : Shape.of(filters, g.outHeight() / 2, g.outWidth() / 2);
        pooled = Tensor.reuse(pooled, pooledShape, batch);
        winograd4x4Forward.weights(ctx, weight.value, weight.version())
                .run(ctx, x, bias == null ? null : bias.value, true, true, pooled.data);
        return pooled;
    }

    /** Times every algorithm that fits this layer on the real input (best of two calls each) and keeps the fastest. */
    private ConvAlgorithm benchmark(Tensor x, Context ctx) {
        List<ConvAlgorithm> candidates = new ArrayList<>(List.of(ConvAlgorithm.GEMM));
        if (FftConvolution.spectraFloats(in.height(), in.width(), in.channels(), filters, kh, kw) <= FFT_MAX_SPECTRA) {
            candidates.add(ConvAlgorithm.FFT);
        }
        if (winogradForward != null) {
            candidates.add(ConvAlgorithm.WINOGRAD);
            candidates.add(ConvAlgorithm.WINOGRAD_4X4);
        }
        long[] best = new long[candidates.size()];
        Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < best.length; i++) {
                long t0 = System.nanoTime();
                forwardWith(candidates.get(i), x, ctx);
                best[i] = Math.min(best[i], System.nanoTime() - t0);
            }
        }
        int fastest = 0;
        for (int i = 1; i < best.length; i++) {
            if (best[i] < best[fastest]) {
                fastest = i;
            }
        }
        return candidates.get(fastest);
    }

    private Tensor forwardWith(ConvAlgorithm algorithm, Tensor x, Context ctx) {
        return switch (algorithm) {
            case FFT -> forwardFft(x, ctx);
            case WINOGRAD -> forwardWinograd(winogradForward, x, ctx);
            case WINOGRAD_4X4 -> forwardWinograd(winograd4x4Forward, x, ctx);
            default -> forwardGemm(x, ctx);
        };
    }

    /** DEFAULT's fixed rule (see {@link #WINOGRAD_MIN_CHANNELS}, {@link #WINOGRAD_4X4_MIN_CHANNELS}). */
    private ConvAlgorithm defaultAlgorithm() {
        int oh = g.outHeight();
        int ow = g.outWidth();
        long covered = 16L * ((oh + 3) / 4) * ((ow + 3) / 4);
        if (winograd4x4Forward != null && in.channels() >= WINOGRAD_4X4_MIN_CHANNELS && 4 * covered <= 5L * oh * ow) {
            return ConvAlgorithm.WINOGRAD_4X4;
        }
        return winogradForward != null && in.channels() >= WINOGRAD_MIN_CHANNELS ? ConvAlgorithm.WINOGRAD
                : ConvAlgorithm.GEMM;
    }

    /**
     * The Winograd pass training takes for the forward pass and weight gradient, or the input
     * gradient (of the pair given), or null for GEMM: the tile inference would take (DEFAULT's
     * rule, or the algorithm asked for). Its results are as deterministic as GEMM's: each tile's
     * arithmetic does not depend on how the threads split the tiles, and the weight gradient's
     * per-thread sums are added in thread order.
     */
    private WinogradPass trainingPass(WinogradPass f2, WinogradPass f4) {
        if (f2 == null) {
            return null;
        }
        ConvAlgorithm wanted = requested == ConvAlgorithm.DEFAULT ? defaultAlgorithm() : requested;
        return wanted == ConvAlgorithm.WINOGRAD_4X4 ? f4 : wanted == ConvAlgorithm.WINOGRAD ? f2 : null;
    }

    private Tensor forwardWinograd(WinogradPass pass, Tensor x, Context ctx) {
        batch = x.batch;
        y = Tensor.reuse(y, out, batch);
        pass.weights(ctx, weight.value, weight.version())
                .run(ctx, x, bias == null ? null : bias.value, reluEpilogue, false, y.data);
        return y;
    }

    /** Winograd on the input as it lies, which the weight gradient reads again. */
    private Tensor forwardWinogradTraining(WinogradPass pass, Tensor x, Context ctx) {
        batch = x.batch;
        kernels = ctx.kernels();
        input = x;
        y = Tensor.reuse(y, out, batch);
        // gradient checks change weights in place without a new version: transform every step
        pass.weights(ctx, weight.value, -1).run(ctx, x, bias == null ? null : bias.value, false, false, y.data);
        return y;
    }

    private Tensor forwardFft(Tensor x, Context ctx) {
        batch = x.batch;
        int parts = ctx.workers().threads();
        if (fft == null || fftParts != parts) {
            fft = new FftConvolution(g.height(), g.width(), in.channels(), filters, kh, kw, g.padTop(), g.padLeft(),
                    g.outHeight(), g.outWidth(), parts);
            fftParts = parts;
            fftVersion = -1;
        }
        if (fftVersion != weight.version()) {
            fft.prepare(weight.value);
            fftVersion = weight.version();
        }
        y = Tensor.reuse(y, out, batch);
        fftInput = x;
        if (fftTask == null) {
            fftTask = (part, nParts) -> {
                int n0 = Workers.splitStart(batch, part, nParts, 1);
                int n1 = Workers.splitStart(batch, part + 1, nParts, 1);
                for (int n = n0; n < n1; n++) {
                    fft.forwardImage(fftInput.data, n * in.size(), bias == null ? null : bias.value, y.data,
                            n * out.size(), part);
                }
            };
        }
        ctx.workers().run(fftTask);
        if (reluEpilogue) {
            ctx.kernels().reluForward(y.data, y.data, 0, y.size());
        }
        return y;
    }

    private Tensor forwardGemm(Tensor x, Context ctx) {
        padInput(x, ctx);
        int cin = in.channels();
        forwardRows.patches(patchSource, paddedH, paddedW, cin, kh, kw, stride, g.outHeight(), g.outWidth());
        int k = kh * kw * cin;
        if (ctx.training() || packedVersion != weight.version() || packedFor != kernels) {
            packedW = ensure(packedW, kernels.packedSize(k, filters));
            kernels.packB(weight.value, 0, filters, 1, k, filters, packedW);
            packedVersion = weight.version();
            packedFor = kernels;
        }
        y = Tensor.reuse(y, out, batch);
        int m = batch * g.outHeight() * g.outWidth();
        // pieces of at least one RELU_CHUNK of rows, claimed by the threads as they come free
        ctx.workers().forEachBalanced(m, RELU_CHUNK, ROW_ALIGN, forwardLoop);
        return y;
    }

    /** The zero-padded NHWC input (or the input itself) as {@link #patchSource}: what the weight gradient reads. */
    private void padInput(Tensor x, Context ctx) {
        batch = x.batch;
        kernels = ctx.kernels();
        int cin = in.channels();
        if (needsPadding()) {
            padded = ensure(padded, batch * paddedH * paddedW * cin);
            input = x;
            if (padTask == null) {
                padTask = (part, parts) -> Layouts.pad(input.data, Workers.splitStart(batch, part, parts, 1),
                        Workers.splitStart(batch, part + 1, parts, 1), g.height(), g.width(), in.channels(),
                        g.padTop(), g.padLeft(), 1, paddedH, paddedW, padded);
            }
            ctx.workers().run(padTask);
            patchSource = padded;
        } else {
            patchSource = x.data;
        }
    }

    /**
     * Output rows [m0, m1) of the GEMM forward pass (bias, and the ReLU where fused). Rows are
     * independent, so the threads claim pieces of them as they come free.
     */
    private void forwardPiece(int m0, int m1, int slot) {
        float[] b = bias == null ? null : bias.value;
        if (!reluEpilogue) {
            kernels.gemm(forwardRows, m0, m1, packedW, filters, y.data, 0, filters, false, b);
            return;
        }
        for (int r0 = m0; r0 < m1; r0 += RELU_CHUNK) {
            int r1 = Math.min(r0 + RELU_CHUNK, m1);
            kernels.gemm(forwardRows, r0, r1, packedW, filters, y.data, 0, filters, false, b);
            kernels.reluForward(y.data, y.data, r0 * filters, r1 * filters);
        }
    }

    @Override
    public Tensor backward(Tensor dy, Context ctx) {
        if (y == null || dy.batch != batch) {
            throw new IllegalStateException("Conv2D.backward without a matching forward");
        }
        gradOut = dy;
        int m = batch * g.outHeight() * g.outWidth();
        weightGradient(ctx, m);
        if (!needInputGradient) {
            return null;
        }
        return inputGradient(ctx);
    }

    private void weightGradient(Context ctx, int m) {
        int parts = ctx.workers().threads();
        if (patchRows == null || patchRows.length != parts) {
            biasPartials = new float[parts][];
            patchRows = new RowLayout[parts];
            for (int t = 0; t < parts; t++) {
                patchRows[t] = new RowLayout();
            }
        }
        weightRows = m;
        if (bias != null) {
            for (int t = 0; t < parts; t++) {
                biasPartials[t] = ensure(biasPartials[t], filters);
                java.util.Arrays.fill(biasPartials[t], 0, filters, 0f);
            }
        }
        // where the forward pass ran Winograd, so does the weight gradient (on the same input),
        // with 2.25x (F(2x2)) or 4x (F(4x4)) fewer multiply-adds than the direct sum; it reads the
        // bias gradient off its transformed dy, so that dy is read once
        WinogradPass pass = trainingPass(winogradForward, winograd4x4Forward);
        if (pass != null) {
            pass.weightGradient(ctx, input, gradOut.data, weight.grad, bias == null ? null : biasPartials);
        } else {
            if (weightTask == null) {
                // threads split the patch elements k (rows of the HWIO gradient), each over all pixels:
                // they write disjoint rows of weight.grad, and the sums are the same for any thread count
                weightTask = (part, nParts) -> {
                    int k = kh * kw * in.channels();
                    int k0 = Workers.splitStart(k, part, nParts, kernels.patchRowAlign());
                    int k1 = Workers.splitStart(k, part + 1, nParts, kernels.patchRowAlign());
                    RowLayout patches = patchRows[part].patches(patchSource, paddedH, paddedW, in.channels(), kh, kw,
                            stride, g.outHeight(), g.outWidth());
                    kernels.patchWeightGradient(patches, 0, weightRows, k0, k1, gradOut.data, filters, weight.grad, 0);
                    biasGradient(part, nParts);
                };
            }
            ctx.workers().run(weightTask);
        }
        if (bias != null) {
            // the per-thread bias sums, added in thread order
            for (int t = 0; t < parts; t++) {
                for (int co = 0; co < filters; co++) {
                    bias.grad[co] += biasPartials[t][co];
                }
            }
        }
    }

    /** This part's share of the bias gradient: the sum of its pixels' dy rows, into its own (zeroed) partial. */
    private void biasGradient(int part, int parts) {
        if (bias != null) {
            int m0 = Workers.splitStart(weightRows, part, parts, 1);
            int m1 = Workers.splitStart(weightRows, part + 1, parts, 1);
            kernels.sumRows(gradOut.data, m0 * filters, m1 - m0, filters, biasPartials[part]);
        }
    }

    private Tensor inputGradient(Context ctx) {
        int cin = in.channels();
        // rotated kernel: r[ky][kx][cout][cin] = w[kh-1-ky][kw-1-kx][cin][cout]
        rotated = ensure(rotated, weight.size());
        float[] w = weight.value;
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                int src0 = ((kh - 1 - ky) * kw + (kw - 1 - kx)) * cin * filters;
                int dst0 = (ky * kw + kx) * filters * cin;
                for (int ci = 0; ci < cin; ci++) {
                    for (int co = 0; co < filters; co++) {
                        rotated[dst0 + co * cin + ci] = w[src0 + ci * filters + co];
                    }
                }
            }
        }
        dx = Tensor.reuse(dx, in, batch);
        WinogradPass pass = trainingPass(winogradInputGradient, winograd4x4InputGradient);
        if (pass != null) {
            pass.weights(ctx, rotated, -1).run(ctx, gradOut, null, false, false, dx.data);
            return dx;
        }
        int ph = g.height() + kh - 1;
        int pw = g.width() + kw - 1;
        dyPadded = ensure(dyPadded, batch * ph * pw * filters);
        if (gradPadTask == null) {
            gradPadTask = (part, parts) -> Layouts.pad(gradOut.data, Workers.splitStart(batch, part, parts, 1),
                    Workers.splitStart(batch, part + 1, parts, 1), g.outHeight(), g.outWidth(), filters,
                    kh - 1 - g.padTop(), kw - 1 - g.padLeft(), stride, g.height() + kh - 1, g.width() + kw - 1,
                    dyPadded);
        }
        ctx.workers().run(gradPadTask);
        int k = kh * kw * filters;
        packedRotated = ensure(packedRotated, kernels.packedSize(k, cin));
        kernels.packB(rotated, 0, cin, 1, k, cin, packedRotated);
        inputGradRows.patches(dyPadded, ph, pw, filters, kh, kw, 1, g.height(), g.width());
        inputRowsCount = batch * g.height() * g.width();
        if (inputTask == null) {
            inputTask = (part, parts) -> {
                int m0 = Workers.splitStart(inputRowsCount, part, parts, ROW_ALIGN);
                int m1 = Workers.splitStart(inputRowsCount, part + 1, parts, ROW_ALIGN);
                kernels.gemm(inputGradRows, m0, m1, packedRotated, in.channels(), dx.data, 0, in.channels(), false, null);
            };
        }
        ctx.workers().run(inputTask);
        return dx;
    }

    static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    /** The inference algorithm asked for is a setting too, though not one the model file keeps. */
    @Override
    public Layer replica() {
        return ((Conv2D) super.replica()).algorithm(requested);
    }

    @Override
    public String kind() {
        return "Conv2D";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("filters", Integer.toString(filters));
        c.put("kernel", kh + "x" + kw);
        c.put("stride", Integer.toString(stride));
        c.put("padding", padding.toString());
        c.put("bias", Boolean.toString(useBias));
        c.put("l2", Float.toString(l2));
        return c;
    }
}
