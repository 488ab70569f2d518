package dev.fer.engine.kernel;

/**
 * Stride-1 3x3 convolution forward by Winograd's minimal filtering (Lavin and Gray, "Fast
 * Algorithms for Convolutional Neural Networks", 2016), F(2x2, 3x3) or F(4x4, 3x3): each m x m
 * block of output pixels (m = the tile size) comes from the (m+2) x (m+2) input window around
 * it as
 * <pre>
 *   Y = A^T [ (G g G^T) * (B^T d B) ] A      (* element-wise, summed over input channels)
 * </pre>
 * so that the (m+2)^2 element-wise products, summed over input channels, are as many GEMMs of
 * {@code tiles x cin} by {@code cin x cout}. Multiply-adds per output pixel and input channel:
 * 9 directly, 4 with F(2x2), 2.25 with F(4x4). The transforms run along the contiguous NHWC
 * channels ({@link Kernels#winogradInput}, {@link Kernels#winograd4x4Input} and their output
 * twins); the GEMMs are the engine's.
 *
 * <p>Results differ from the direct convolution by float rounding: F(2x2)'s transforms carry
 * halves and are exact up to a few ulps; F(4x4)'s carry factors up to 8 and 1/24 and lose about
 * three more bits (relative error ~1e-5 on a 3x3x128 sum), well below what stochastic gradient
 * descent notices (fer-net's first epoch: mean training loss 2.0836 against 2.0818 with GEMM and
 * F(2x2)), so training uses both.
 *
 * <p>The input is read as it lies, NHWC: a border tile's window reads zeros where it
 * lies in the padding, so no padded copy is made (for a 48x48x32 batch of 64 that copy moved
 * 40 MB, a sixth of the layer's forward time).
 *
 * <p>Work goes in chunks of tiles sized so that a chunk's transformed input and products stay in
 * L2; each thread owns its buffers (its slot's in the forward pass, its part's in the weight
 * gradient). Weights are transformed and packed once per weight version ({@link #transformWeights},
 * {@link #packWeights}). Nothing is allocated per call.
 */
public final class WinogradConvolution {
    /** Largest chunk, in tiles: a multiple of both GEMM tile heights (6 and 8). */
    static final int MAX_CHUNK = 96;
    /** Bytes of transformed input plus products a chunk may take (of a 2 MB L2). */
    private static final int CHUNK_BYTES = 1 << 20;

    /**
     * Tiles per chunk of the weight gradient, whose point GEMMs sum over a chunk's tiles. One
     * pixel block of the weight-gradient kernel: a chunk's transformed input and dy (36 points x
     * 64 tiles x (cin + cout) floats, 0.9 MB for 32 -> 64) stay in L2 between the transforms
     * and the GEMMs. Measured on C1-C3 and fer-net's layers at batch 64: 32 and 64 about even,
     * 96 to 1.2x and 256 up to 1.5x slower.
     */
    static final int GRADIENT_CHUNK = 64;

    /**
     * Row and column of the transformed output gradient's point that sums the tile: row 1 of A
     * (A dy A^T, see {@link Kernels#winogradGradientTransform}) is all ones for F(2x2) (d0 + d1)
     * and F(4x4) (d0 + d1 + d2 + d3), so point (1, 1) is the sum of the tile's dy.
     */
    private static final int BIAS_POINT_ROW = 1;

    private final WindowGeometry g;
    private final int tile;
    private final int points;
    private final int chunk;
    private final int cin;
    private final int cout;
    private final int outH;
    private final int outW;
    private final int tilesH;
    private final int tilesW;
    private final Kernels kernels;
    private final float[][] packedU;
    private final float[] u;
    private final float[][] transformed;
    private final float[][] products;
    private final RowLayout[] rows;
    private final int parts;
    /** The weight gradient's buffers, made on its first call (inference never needs them): per part a chunk's transformed input and dy, and all parts' point sums. */
    private float[][] gradientInput;
    private float[][] gradientOutput;
    private float[] gradientSums;

    /** Whether this algorithm computes a convolution of this shape. */
    public static boolean supports(int kh, int kw, int stride) {
        return kh == 3 && kw == 3 && stride == 1;
    }

    /**
     * The convolution of geometry {@code g} (input size and channels, zero padding, output size;
     * 3x3, stride 1) into {@code cout} channels, by F(tile x tile, 3x3) with {@code tile} 2 or 4;
     * {@code parts} = threads that call {@link #forward} and {@link #weightGradient} concurrently.
     */
    public WinogradConvolution(WindowGeometry g, int cout, int tile, int parts, Kernels kernels) {
        if (!supports(g.kh(), g.kw(), g.stride())) {
            throw new IllegalArgumentException("Winograd convolution needs a 3x3 window and stride 1: " + g);
        }
        if (tile != 2 && tile != 4) {
            throw new IllegalArgumentException("Winograd tiles are 2x2 or 4x4 outputs, not " + tile);
        }
        this.g = g;
        this.tile = tile;
        this.points = (tile + 2) * (tile + 2);
        this.cin = g.channels();
        this.cout = cout;
        this.outH = g.outHeight();
        this.outW = g.outWidth();
        this.tilesH = (outH + tile - 1) / tile;
        this.tilesW = (outW + tile - 1) / tile;
        this.kernels = kernels;
        this.parts = parts;
        int fits = CHUNK_BYTES / (points * (cin + cout) * Float.BYTES);
        this.chunk = Math.clamp(fits / 24 * 24, 24, MAX_CHUNK);
        this.u = new float[points * cin * cout];
        packedU = new float[points][];
        for (int p = 0; p < points; p++) {
            packedU[p] = new float[kernels.packedSize(cin, cout)];
        }
        transformed = new float[parts][points * Kernels.winogradPlane(chunk, cin)];
        products = new float[parts][points * Kernels.winogradPlane(chunk, cout)];
        rows = new RowLayout[parts];
        for (int t = 0; t < parts; t++) {
            rows[t] = new RowLayout();
        }
    }

    public Kernels kernels() {
        return kernels;
    }

    public int inputChannels() {
        return cin;
    }

    /** Points of the transformed kernel, the units {@link #packWeights} splits over threads. */
    public int points() {
        return points;
    }

    /**
     * Transforms HWIO weights ({@code w[ky][kx][cin][cout]}) into G g G^T per (cin, cout) for
     * input channels [ci0, ci1) ({@link Kernels#winogradWeightTransform}): threads split the
     * channels, and all must finish before {@link #packWeights}. Runs once per weight version
     * (every step in training).
     */
    public void transformWeights(float[] hwio, int ci0, int ci1) {
        kernels.winogradWeightTransform(tile, hwio, cin, cout, ci0, ci1, u);
    }

    /** Packs points [p0, p1) of the transformed weights, each as the B matrix of its GEMM. */
    public void packWeights(int p0, int p1) {
        int plane = cin * cout;
        for (int p = p0; p < p1; p++) {
            kernels.packB(u, p * plane, cout, 1, cin, cout, packedU[p]);
        }
    }

    /** Tiles per chunk of {@link #forward}: its buffers' capacity (a call may take more, in several chunks). */
    public int chunk() {
        return chunk;
    }

    /** Tiles of a batch, the units of {@link #forward}. */
    public int tiles(int batch) {
        return batch * tilesH * tilesW;
    }

    /** Whether {@link #forward} can take the 2x2 max-pool after it: F(4x4) tiles and an even output. */
    public boolean pools() {
        return tile == 4 && outH % 2 == 0 && outW % 2 == 0;
    }

    /**
     * Output tiles [t0, t1) of the NHWC input batch x (its padding read as zeros, never written
     * out) into NHWC {@code y} ({@code outH x outW x cout} per
     * image): bias added, then max(0, .) when {@code relu}; with {@code pool} (where {@link #pools})
     * a 2x2 max-pool of stride 2 after that, y then {@code outH/2 x outW/2 x cout} per image. Uses
     * the buffers of {@code slot} (a thread's, in [0, parts)): a tile's result does not depend on it.
     */
    public void forward(float[] x, int t0, int t1, float[] bias, boolean relu, boolean pool, float[] y, int slot) {
        if (pool && !pools()) {
            throw new IllegalStateException("only F(4x4) with an even output pools, not F(" + tile + "x" + tile + ") to "
                    + outH + "x" + outW);
        }
        float[] v = transformed[slot];
        float[] m = products[slot];
        RowLayout a = rows[slot];
        for (int c0 = t0; c0 < t1; c0 += chunk) {
            int count = Math.min(chunk, t1 - c0);
            transformInput(x, c0, count, v);
            int planeIn = Kernels.winogradPlane(count, cin);
            int planeOut = Kernels.winogradPlane(count, cout);
            for (int p = 0; p < points; p++) {
                a.matrix(v, p * planeIn, cin, cin);
                kernels.gemm(a, 0, count, packedU[p], cout, m, p * planeOut, cout, false, null);
            }
            if (tile == 2) {
                kernels.winogradOutput(m, count, cout, bias, relu, y, outH, outW, tilesH, tilesW, c0);
            } else {
                if (pool) {
                    kernels.winograd4x4OutputPooled(m, count, cout, bias, relu, y, outH, outW, tilesH, tilesW, c0);
                } else {
                    kernels.winograd4x4Output(m, count, cout, bias, relu, y, outH, outW, tilesH, tilesW, c0);
                }
            }
        }
    }

    /** B^T d B of tiles [c0, c0 + count) of the input x into v (points x count x cin). */
    private void transformInput(float[] x, int c0, int count, float[] v) {
        if (tile == 2) {
            kernels.winogradInput(x, g.height(), g.width(), cin, g.padTop(), g.padLeft(), tilesH, tilesW, c0, count, v);
        } else {
            kernels.winograd4x4Input(x, g.height(), g.width(), cin, g.padTop(), g.padLeft(), tilesH, tilesW, c0, count, v);
        }
    }

    /**
     * Weight gradient by Winograd's transform, the adjoint of {@link #forward} (Lavin and Gray,
     * section 5): where the forward pass computes {@code Y = A^T [(G g G^T) * (B^T d B)] A},
     * <pre>
     *   dW = G^T [ sum over tiles of (A dY A^T) * (B^T d B) ] G
     * </pre>
     * so that the sum over tiles is, per point, a product {@code V^T W} of a chunk's transformed
     * input ({@code tiles x cin}) and transformed output gradient ({@code tiles x cout}): 16
     * (F(2x2)) or 36 (F(4x4)) multiply-adds per tile and channel pair where the direct gradient
     * takes 36 or 144. This step sums tiles [t0, t1) of the input x that {@link #forward} read and
     * of the NHWC output gradient {@code dy} into part {@code part}'s point sums (overwritten);
     * once every part is done, {@link #kernelGradient} turns the sums into the 3x3 gradient.
     * With {@code biasSum} (else null) it also adds the tiles' dy, summed per output channel, to
     * it: the bias gradient, read off the transformed dy, whose point (1, 1) is the sum of the
     * tile's dy ({@link #BIAS_POINT_ROW}), so dy, as large as the layer's output, is not read again.
     * Call {@link #prepareWeightGradient} first, on one thread.
     */
    public void weightGradient(float[] x, float[] dy, int t0, int t1, int part, float[] biasSum) {
        float[] v = gradientInput[part];
        float[] w = gradientOutput[part];
        int plane = cin * cout;
        int base = part * points * plane;
        java.util.Arrays.fill(gradientSums, base, base + points * plane, 0f);
        RowLayout a = rows[part];
        int chunks = Math.ceilDiv(t1 - t0, GRADIENT_CHUNK);
        int length = chunks == 0 ? 0 : Math.ceilDiv(t1 - t0, chunks);
        for (int c0 = t0; c0 < t1; c0 += length) {
            int count = Math.min(length, t1 - c0);
            transformInput(x, c0, count, v);
            kernels.winogradGradientTransform(tile, dy, outH, outW, cout, tilesH, tilesW, c0, count, w);
            if (biasSum != null) {
                kernels.sumRows(w, (BIAS_POINT_ROW * (tile + 2) + BIAS_POINT_ROW) * Kernels.winogradPlane(count, cout),
                        count, cout, biasSum);
            }
            // row m = p * planeRows + t of both is tile t's point p: each point's rows are one product
            int planeRows = Kernels.winogradPlane(count, 1);
            a.matrix(v, 0, cin, cin);
            for (int p = 0; p < points; p++) {
                int m0 = p * planeRows;
                kernels.patchWeightGradient(a, m0, m0 + count, 0, cin, w, cout, gradientSums, base + p * plane);
            }
        }
    }

    /** Makes the weight gradient's buffers (once). */
    public void prepareWeightGradient() {
        if (gradientSums == null) {
            gradientSums = new float[parts * points * cin * cout];
            gradientInput = new float[parts][points * Kernels.winogradPlane(GRADIENT_CHUNK, cin)];
            gradientOutput = new float[parts][points * Kernels.winogradPlane(GRADIENT_CHUNK, cout)];
        }
    }

    /**
     * Adds the gradient of input channels [ci0, ci1) that every part's {@link #weightGradient}
     * summed (parts in order) to {@code grad}, HWIO.
     */
    public void kernelGradient(int ci0, int ci1, float[] grad) {
        kernels.winogradKernelGradient(tile, gradientSums, parts, points * cin * cout, cin, cout, ci0, ci1, grad);
    }
}
