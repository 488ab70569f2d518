package dev.fer.engine.layer;

import dev.fer.engine.kernel.WindowGeometry;
import dev.fer.engine.kernel.WinogradConvolution;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Tensor;

/**
 * One Winograd pass of a {@link Conv2D} (its forward pass, or the transposed convolution of its
 * input gradient): the {@link WinogradConvolution} for the geometry, kernels and thread count in
 * use, the weight version it was prepared for, and the tasks that share its work among the threads.
 */
final class WinogradPass {
    /** Fewest tiles in a piece of the forward pass: two of the GEMM's 6-row tiles. */
    private static final int MIN_PIECE = 12;

    private final WindowGeometry geometry;
    private final int cout;
    private final int tile;
    private WinogradConvolution convolution;
    private int parts;
    private int version = -1;

    // the arguments of the current run, read by the task
    private float[] source;
    private int tiles;
    private float[] bias;
    private boolean relu;
    private boolean pool;
    private float[] out;
    private final Workers.Loop loop = (from, to, slot) -> convolution.forward(source, from, to, bias, relu, pool, out, slot);
    private float[] weights;
    private final Workers.Task transformTask = (part, n) -> convolution.transformWeights(weights,
            Workers.splitStart(convolution.inputChannels(), part, n, 1),
            Workers.splitStart(convolution.inputChannels(), part + 1, n, 1));
    private final Workers.Task packTask = (part, n) -> convolution.packWeights(
            Workers.splitStart(convolution.points(), part, n, 1), Workers.splitStart(convolution.points(), part + 1, n, 1));

    private float[] gradient;
    private float[] dy;
    private float[][] biasSums;
    private final Workers.Task gradientTask = (part, n) -> convolution.weightGradient(source, dy,
            Workers.splitStart(tiles, part, n, 1), Workers.splitStart(tiles, part + 1, n, 1), part,
            biasSums == null ? null : biasSums[part]);
    private final Workers.Task kernelGradientTask = (part, n) -> convolution.kernelGradient(
            Workers.splitStart(convolution.inputChannels(), part, n, 1),
            Workers.splitStart(convolution.inputChannels(), part + 1, n, 1), gradient);

    /** A pass of geometry {@code geometry} (3x3, stride 1) into {@code cout} channels, F(tile x tile, 3x3). */
    WinogradPass(WindowGeometry geometry, int cout, int tile) {
        this.geometry = geometry;
        this.cout = cout;
        this.tile = tile;
    }

    private WinogradConvolution convolution(Context ctx) {
        int threads = ctx.workers().threads();
        if (convolution == null || convolution.kernels() != ctx.kernels() || parts != threads) {
            convolution = new WinogradConvolution(geometry, cout, tile, threads, ctx.kernels());
            parts = threads;
            version = -1;
        }
        return convolution;
    }

    /**
     * Weights in HWIO order, transformed when {@code weightVersion} differs from the last one
     * (negative: always, for weights that change between calls without a version).
     */
    WinogradPass weights(Context ctx, float[] hwio, int weightVersion) {
        convolution(ctx);
        if (weightVersion < 0 || weightVersion != version) {
            // every training step: split over the threads, channels then points
            weights = hwio;
            ctx.workers().run(transformTask);
            ctx.workers().run(packTask);
            weights = null;
            version = weightVersion;
        }
        return this;
    }

    /** Whether this pass can take a following 2x2 max-pool into its output (see {@link WinogradConvolution#pools}). */
    boolean pools(Context ctx) {
        return convolution(ctx).pools();
    }

    /**
     * Convolves the NHWC input (its padding read as zeros); with {@code pool}, out receives the
     * 2x2 max-pool of the result.
     */
    void run(Context ctx, Tensor x, float[] bias, boolean relu, boolean pool, float[] out) {
        WinogradConvolution c = convolution(ctx);
        this.source = x.data;
        this.tiles = c.tiles(x.batch);
        this.bias = bias;
        this.relu = relu;
        this.pool = pool;
        this.out = out;
        // tiles in pieces claimed by the threads as they come free, so a stalled thread holds back one piece only
        Workers workers = ctx.workers();
        workers.forEach(tiles, workers.grain(tiles, MIN_PIECE, c.chunk()), loop);
        this.pool = false;
        this.source = null;
    }

    /**
     * Adds the weight gradient to {@code grad} (HWIO), from the input x this (forward) pass read
     * and the NHWC output gradient: threads split the tiles, each into its own point sums, then
     * the input channels of the kernel transform. With {@code biasSums} (one array per thread,
     * else null), each thread also adds its tiles' dy per output channel to its own array.
     */
    void weightGradient(Context ctx, Tensor x, float[] outputGradient, float[] grad, float[][] biasSums) {
        WinogradConvolution c = convolution(ctx);
        c.prepareWeightGradient();
        this.source = x.data;
        this.tiles = c.tiles(x.batch);
        this.dy = outputGradient;
        this.gradient = grad;
        this.biasSums = biasSums;
        ctx.workers().run(gradientTask);
        ctx.workers().run(kernelGradientTask);
        this.source = null;
        this.dy = null;
        this.gradient = null;
        this.biasSums = null;
    }
}
