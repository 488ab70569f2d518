package dev.fer.engine.kernel;

import dev.fer.engine.launch.VectorApiRelauncher;

/**
 * The numeric kernels the layers are built on. Two implementations compute the same thing:
 * {@link ScalarKernels} (plain loops; the test oracle and the fallback when the JVM has no Vector
 * API) and {@code VectorKernels} (jdk.incubator.vector, register-blocked). {@link #best()} picks
 * the vector kernels only when the Vector API module is loaded, and never touches a Vector class
 * otherwise.
 *
 * <p>All tensors are NHWC. Kernels over "rows" treat data as {@code rows x c} row-major (every
 * pixel of every image is one row of {@code c} channels).
 */
public interface Kernels {

    /** The fastest kernels this JVM can run. */
    static Kernels best() {
        return Holder.BEST;
    }

    /** The plain-loop kernels. */
    static Kernels scalar() {
        return Holder.SCALAR;
    }

    String name();

    // ---------------------------------------------------------------- GEMM

    /** Floats needed to pack a {@code k x n} right-hand matrix B. */
    int packedSize(int k, int n);

    /** Packs B (element (i, j) at {@code src[off + i*kStride + j*nStride]}, k x n) for {@link #gemm}. */
    default void packB(float[] src, int off, int kStride, int nStride, int k, int n, float[] dst) {
        packB(src, off, kStride, nStride, k, n, 0, n, dst);
    }

    /**
     * {@link #packB} of the columns [j0, j1) only, each where the whole packing puts it, so that
     * threads can pack disjoint column ranges of one B; j0 and j1 as in the column-range
     * {@link #gemm} (multiples of {@link #columnAlign()}, or n).
     */
    void packB(float[] src, int off, int kStride, int nStride, int k, int n, int j0, int j1, float[] dst);

    // ---------------------------------------------------------------- Winograd F(2x2, 3x3)

    /**
     * Floats from one point's matrix to the next in the Winograd layouts below: {@code count + 1}
     * rows of {@code c}, the last row unused. Without that row a plane of {@code count x c} floats
     * is often a multiple of 4 KB (24 tiles x 128 channels, 48 x 64, 64 x 64, 96 x 32: most of
     * the engine's chunks), so the 16 or 36 points of one tile land on the same L1 sets and on
     * the same 4 KB offsets as the transform's scratch; the spare row spreads them (measured on
     * the 64-channel F(4x4) input transform at 64 tiles a chunk: 1.2-1.4x faster).
     */
    static int winogradPlane(int count, int c) {
        return (count + 1) * c;
    }

    /**
     * Winograd input transform (see {@link WinogradConvolution}) of the tiles [t0, t0 + count):
     * tile t is image {@code t / (tilesH * tilesW)}, tile row and column {@code (ty, tx)} of that
     * image; its 4x4 window starts at (2 ty - top, 2 tx - left) of the {@code h x w x c} NHWC
     * image, and whatever of it lies outside the image reads as zero (the convolution's padding,
     * never written out). Writes B^T d B as 16 matrices of {@code count x c}: element (xi, t, ch)
     * at {@code v[xi * winogradPlane(count, c) + (t - t0) * c + ch]}.
     */
    void winogradInput(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0, int count,
                       float[] v);

    /**
     * Winograd output transform of the tiles [t0, t0 + count): from the 16 matrices
     * {@code count x cout} that {@link #winogradInput}'s layout gives the products, each tile's
     * A^T m A plus the bias (null: none), then max(0, .) when {@code relu}, into its 2x2 output
     * pixels that lie inside the {@code outH x outW} NHWC output.
     */
    void winogradOutput(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH, int outW,
                        int tilesH, int tilesW, int t0);

    // ---------------------------------------------------------------- Winograd F(4x4, 3x3)

    /**
     * {@link #winogradInput} for F(4x4, 3x3): 6x6 windows starting at (4 ty - top, 4 tx - left),
     * written as 36 matrices of {@code count x c}: element (xi, t, ch) at
     * {@code v[xi * winogradPlane(count, c) + (t - t0) * c + ch]}.
     */
    void winograd4x4Input(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0,
                          int count, float[] v);

    /** {@link #winogradOutput} for F(4x4, 3x3): 36 product matrices in, 4x4 output pixels per tile. */
    void winograd4x4Output(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH, int outW,
                           int tilesH, int tilesW, int t0);

    /**
     * {@link #winograd4x4Output} followed by a 2x2 max-pool of stride 2, the pool taken inside each
     * 4x4 output tile: y is the pooled {@code outH/2 x outW/2 x cout} NHWC output (outH and outW
     * even). The result equals the two steps bit for bit (max picks one of the values, and ReLU
     * commutes with it); the full-size output is never written.
     */
    void winograd4x4OutputPooled(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH,
                                 int outW, int tilesH, int tilesW, int t0);

    /**
     * The kernel transform of Winograd's forward pass, G g G^T, of every 3x3 kernel
     * ({@code hwio[(ky * 3 + kx) * cin * cout + ci * cout + co]}) of input channels [ci0, ci1),
     * F(2x2) for tile 2 and F(4x4) for tile 4, into (tile + 2)^2 matrices {@code cin x cout}:
     * point xi of (ci, co) at {@code u[xi * cin * cout + ci * cout + co]}.
     */
    void winogradWeightTransform(int tile, float[] hwio, int cin, int cout, int ci0, int ci1, float[] u);

    // ---------------------------------------------------------------- Winograd weight gradient

    /**
     * The output-gradient transform of Winograd's weight gradient (see
     * {@link WinogradConvolution#weightGradient}): A dy A^T of the {@code tile x tile} blocks of the
     * NHWC output gradient ({@code outH x outW x c} per image, zero where the last tile sticks out)
     * of tiles [t0, t0 + count), F(2x2) for tile 2 and F(4x4) for tile 4, written as (tile + 2)^2
     * matrices of {@code count x c}: element (xi, t, ch) at
     * {@code w[xi * winogradPlane(count, c) + (t - t0) * c + ch]}, the layout of {@link #winogradInput}.
     */
    void winogradGradientTransform(int tile, float[] dy, int outH, int outW, int c, int tilesH, int tilesW, int t0,
                                   int count, float[] w);

    /**
     * The kernel transform of Winograd's weight gradient for input channels [ci0, ci1): sums each
     * point's {@code cin x cout} matrix over the parts ({@code u[part * partStride + (xi * cin + ci) * cout + co]},
     * parts in order) and adds G^T M G, the 3x3 kernel's gradient, to {@code grad} in HWIO order.
     */
    void winogradKernelGradient(int tile, float[] u, int parts, int partStride, int cin, int cout, int ci0, int ci1,
                                float[] grad);

    /** dst[j * rows + i] = src[off + i * cols + j]: a rows x cols row-major block transposed. */
    void transpose(float[] src, int off, int rows, int cols, float[] dst);

    /**
     * C[m] = (accumulate ? C[m] : 0) + A[m] . B (+ bias) for rows m in [m0, m1): A read in place
     * ({@code a.depth()} = K), B packed K x n, row m of C at {@code cOff + m * ldc}.
     */
    default void gemm(RowLayout a, int m0, int m1, float[] packedB, int n, float[] c, int cOff, int ldc,
                      boolean accumulate, float[] bias) {
        gemm(a, m0, m1, packedB, n, 0, n, c, cOff, ldc, accumulate, bias);
    }

    /**
     * {@link #gemm} for the columns [j0, j1) of C only, so that threads can split a product with few
     * rows (a dense layer at batch 1) by columns; j0 is a multiple of {@link #columnAlign()} (or 0)
     * and j1 one too (or n). Each column gets the same arithmetic as in the whole product.
     */
    void gemm(RowLayout a, int m0, int m1, float[] packedB, int n, int j0, int j1, float[] c, int cOff, int ldc,
              boolean accumulate, float[] bias);

    /** Column ranges of {@link #gemm} start at multiples of this (the width of a packed panel). */
    int columnAlign();

    /**
     * Weight gradient of a convolution, accumulated in HWIO order: for rows k in [k0, k1),
     * acc[accOff + k * n + j] += sum over pixels m in [m0, m1) of A(m, k) * dy[m * n + j], with A
     * the patch rows read in place from the padded input and dy the NHWC output gradient as stored
     * (no transpose, no packed copy). Each element sums its pixels in order m0, m0 + 1, ... The
     * same product A^T dy serves Winograd's weight gradient, A and dy then transformed tiles.
     */
    void patchWeightGradient(RowLayout a, int m0, int m1, int k0, int k1, float[] dy, int n, float[] acc, int accOff);

    /** Threads that split {@link #patchWeightGradient} by rows k start them at multiples of this. */
    int patchRowAlign();

    // ---------------------------------------------------------------- depthwise convolution (one image)

    /** Floats {@link #depthwisePack} writes for this geometry. */
    int depthwisePackedSize(WindowGeometry g);

    /** Lays out weights w[kh][kw][c] and the bias (null: none) as {@link #depthwiseForward} reads them. */
    void depthwisePack(WindowGeometry g, float[] w, float[] bias, float[] packed);

    /** Output rows [oy0, oy1) of y = depthwise correlation of x with the packed weights (+ bias), zero padding. */
    void depthwiseForward(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff, int oy0, int oy1);

    /** dw += dL/dw; dx = dL/dx when dx is not null (overwritten). */
    void depthwiseBackward(WindowGeometry g, float[] x, int xOff, float[] w, float[] dy, int dyOff,
                           float[] dx, int dxOff, float[] dw);

    // ---------------------------------------------------------------- pooling (one image)

    /** Max over each window (padding ignored); argmax gets the winning input index relative to xOff. */
    void maxPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax, int aOff);

    /** dx (overwritten for this image) = dy routed to each window's argmax. */
    void maxPoolBackward(WindowGeometry g, float[] dy, int dyOff, int[] argmax, int aOff, float[] dx, int dxOff);

    /** Mean over the valid part of each window (Keras 'same' semantics). */
    void avgPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff);

    /** dx (overwritten for this image) = dy spread evenly over each window's valid part. */
    void avgPoolBackward(WindowGeometry g, float[] dy, int dyOff, float[] dx, int dxOff);

    // ---------------------------------------------------------------- element-wise

    /** y = max(x, 0) on [from, to). */
    void reluForward(float[] x, float[] y, int from, int to);

    /** dx = x > 0 ? dy : 0 on [from, to). */
    void reluBackward(float[] x, float[] dy, float[] dx, int from, int to);

    /**
     * Inverted dropout on [from, to): element i is dropped (mask 0) when the top 24 bits of
     * {@link DropoutHash#hash}(seed, i) fall below {@code threshold}, else kept (mask {@code keep});
     * y = x * mask. The mask depends on (seed, i) only: the same for any split over threads and for
     * both kernel sets.
     */
    void dropout(long seed, int threshold, float keep, float[] x, float[] mask, float[] y, int from, int to);

    /** dx = dy * mask on [from, to). */
    void multiply(float[] dy, float[] mask, float[] dx, int from, int to);

    // ---------------------------------------------------------------- per-channel reductions and affine maps

    /** acc[j] += sum over rows of x[off + r*c + j]. */
    void sumRows(float[] x, int off, int rows, int c, float[] acc);

    /**
     * One pass over x for both moments: sum[j] += sum over rows of d, squares[j] += sum of d^2, with
     * d = x - pivot[j]. A pivot near the mean (batch norm takes one sample) keeps the variance
     * sum(d^2)/n - (sum(d)/n)^2 free of cancellation.
     */
    void sumDeviationAndSquare(float[] x, int off, int rows, int c, float[] pivot, float[] sum, float[] squares);

    /**
     * One pass over dy and x: sumDy[j] += sum over rows of g, sumDyX[j] += sum of g * (x - mean[j]),
     * where g = dy, or, with a ReLU mask (reluScale and reluShift not null), g = dy where
     * {@code x * reluScale[j] + reluShift[j] > 0} (as {@link #scaleShift} computes it) and 0
     * elsewhere: the gradient through a ReLU that followed this affine map, recomputed from x
     * instead of read from a stored activation.
     */
    void sumAndProductDeviation(float[] dy, float[] x, int off, int rows, int c, float[] mean, float[] reluScale,
                                float[] reluShift, float[] sumDy, float[] sumDyX);

    /** y = x * scale[j] + shift[j], then max(0, y) when {@code relu} (y may be x). */
    void scaleShift(float[] x, int off, int rows, int c, float[] scale, float[] shift, boolean relu, float[] y);

    /**
     * out = k1[j] * g + k2[j] * x + k3[j] (out may be dy), g as in {@link #sumAndProductDeviation}:
     * dy, masked by the ReLU of x * reluScale + reluShift when those are not null.
     */
    void affine2(float[] dy, float[] x, int off, int rows, int c, float[] k1, float[] k2, float[] k3,
                 float[] reluScale, float[] reluShift, float[] out);

    /** Loads the vector kernels reflectively so no Vector class is touched without the module. */
    final class Holder {
        static final Kernels SCALAR = new ScalarKernels();
        static final Kernels BEST = load();

        private Holder() {}

        private static Kernels load() {
            if (!VectorApiRelauncher.vectorApiLoaded() || Boolean.getBoolean("fer.scalar")) {
                return SCALAR;
            }
            try {
                return (Kernels) Class.forName("dev.fer.engine.kernel.VectorKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                System.err.println("fer engine: Vector API kernels unavailable (" + e + "); using scalar kernels");
                return SCALAR;
            }
        }
    }
}
