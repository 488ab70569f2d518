package dev.fer.engine.kernel;

/**
 * Stride-1 3x3 convolution forward by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray,
 * "Fast Algorithms for Convolutional Neural Networks", 2016): each 2x2 block of output pixels
 * comes from the 4x4 input window around it as
 * <pre>
 *   Y = A^T [ (G g G^T) * (B^T d B) ] A      (* element-wise, summed over input channels)
 * </pre>
 * so that the 16 element-wise products, summed over input channels, are 16 GEMMs of
 * {@code tiles x cin} by {@code cin x cout}: 16 multiply-adds per 4 outputs and input channel
 * instead of 36, 2.25 times fewer. The transforms are additions only and run along the contiguous
 * NHWC channels ({@link Kernels#winogradInput}, {@link Kernels#winogradOutput}); the GEMMs are the
 * engine's. Results differ from the direct convolution by float rounding (the transformed
 * weights carry halves), so training keeps GEMM and this is an inference algorithm.
 *
 * <p>Work goes in chunks of {@value #CHUNK} tiles so that a chunk's transformed input and products
 * stay in L2; each thread (part) owns its buffers. Weights are transformed and packed once per
 * weight version ({@link #prepare}). Nothing is allocated per call.
 */
public final class WinogradConvolution {
    /** Tiles per chunk: a multiple of both GEMM tile heights (6 and 8). */
    static final int CHUNK = 96;
    private static final int POINTS = 16;

    private final WindowGeometry g;
    private final int cin;
    private final int cout;
    private final int outH;
    private final int outW;
    private final int tilesH;
    private final int tilesW;
    private final int ph;
    private final int pw;
    private final Kernels kernels;
    private final float[][] packedU = new float[POINTS][];
    private final float[] u;
    private final float[][] transformed;
    private final float[][] products;
    private final RowLayout[] rows;

    /**
     * Rows (or columns) of the padded input for an output of {@code out} rows: every tile's 4x4
     * window lies inside, also when {@code out} is odd and the last tile half outside.
     */
    public static int paddedExtent(int out) {
        return 2 * ((out + 1) / 2) + 2;
    }

    /** Whether this algorithm computes a convolution of this shape. */
    public static boolean supports(int kh, int kw, int stride) {
        return kh == 3 && kw == 3 && stride == 1;
    }

    /**
     * The convolution of geometry {@code g} (input size and channels, zero padding, output size;
     * 3x3, stride 1) into {@code cout} channels; {@code parts} = threads that call {@link #forward}
     * concurrently.
     */
    public WinogradConvolution(WindowGeometry g, int cout, int parts, Kernels kernels) {
        if (!supports(g.kh(), g.kw(), g.stride())) {
            throw new IllegalArgumentException("Winograd F(2x2, 3x3) needs a 3x3 window and stride 1: " + g);
        }
        this.g = g;
        this.cin = g.channels();
        this.cout = cout;
        this.outH = g.outHeight();
        this.outW = g.outWidth();
        this.tilesH = (outH + 1) / 2;
        this.tilesW = (outW + 1) / 2;
        this.ph = paddedExtent(outH);
        this.pw = paddedExtent(outW);
        this.kernels = kernels;
        this.u = new float[POINTS * cin * cout];
        for (int p = 0; p < POINTS; p++) {
            packedU[p] = new float[kernels.packedSize(cin, cout)];
        }
        transformed = new float[parts][POINTS * CHUNK * cin];
        products = new float[parts][POINTS * CHUNK * cout];
        rows = new RowLayout[parts];
        for (int t = 0; t < parts; t++) {
            rows[t] = new RowLayout();
        }
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Floats of the padded input of {@code batch} images that {@link #pad} writes. */
    public int paddedSize(int batch) {
        return batch * ph * pw * cin;
    }

    /** Images [n0, n1) of the NHWC input, zero-padded into {@code padded} for {@link #forward}. */
    public void pad(float[] x, int n0, int n1, float[] padded) {
        Layouts.pad(x, n0, n1, g.height(), g.width(), cin, g.padTop(), g.padLeft(), 1, ph, pw, padded);
    }

    /**
     * Transforms HWIO weights ({@code w[ky][kx][cin][cout]}) into G g G^T per (cin, cout) and
     * packs each of the 16 points as the B matrix of its GEMM.
     */
    public void prepare(float[] hwio) {
        int plane = cin * cout;
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                int at = ci * cout + co;
                float g00 = hwio[at];
                float g01 = hwio[plane + at];
                float g02 = hwio[2 * plane + at];
                float g10 = hwio[3 * plane + at];
                float g11 = hwio[4 * plane + at];
                float g12 = hwio[5 * plane + at];
                float g20 = hwio[6 * plane + at];
                float g21 = hwio[7 * plane + at];
                float g22 = hwio[8 * plane + at];
                // G g: rows g0, (g0 + g1 + g2) / 2, (g0 - g1 + g2) / 2, g2 (per kernel column);
                // then (G g) G^T: the same combination along each of its rows
                transformRow(g00, g01, g02, at, 0, plane);
                transformRow(0.5f * (g00 + g10 + g20), 0.5f * (g01 + g11 + g21), 0.5f * (g02 + g12 + g22), at, 1, plane);
                transformRow(0.5f * (g00 - g10 + g20), 0.5f * (g01 - g11 + g21), 0.5f * (g02 - g12 + g22), at, 2, plane);
                transformRow(g20, g21, g22, at, 3, plane);
            }
        }
        for (int p = 0; p < POINTS; p++) {
            kernels.packB(u, p * plane, cout, 1, cin, cout, packedU[p]);
        }
    }

    /** Row i of G g G^T from row i of G g: a0, (a0 + a1 + a2) / 2, (a0 - a1 + a2) / 2, a2. */
    private void transformRow(float a0, float a1, float a2, int at, int i, int plane) {
        u[(4 * i) * plane + at] = a0;
        u[(4 * i + 1) * plane + at] = 0.5f * (a0 + a1 + a2);
        u[(4 * i + 2) * plane + at] = 0.5f * (a0 - a1 + a2);
        u[(4 * i + 3) * plane + at] = a2;
    }

    /** Tiles of a batch; {@link #forward} splits them over parts. */
    public int tiles(int batch) {
        return batch * tilesH * tilesW;
    }

    /**
     * Output tiles [t0, t1) of the padded batch into NHWC {@code y} ({@code outH x outW x cout} per
     * image): bias added, then max(0, .) when {@code relu}. Uses part {@code part}'s buffers.
     */
    public void forward(float[] padded, int t0, int t1, float[] bias, boolean relu, float[] y, int part) {
        float[] v = transformed[part];
        float[] m = products[part];
        RowLayout a = rows[part];
        for (int c0 = t0; c0 < t1; c0 += CHUNK) {
            int count = Math.min(CHUNK, t1 - c0);
            kernels.winogradInput(padded, ph, pw, cin, tilesH, tilesW, c0, count, v);
            for (int p = 0; p < POINTS; p++) {
                a.matrix(v, p * count * cin, cin, cin);
                kernels.gemm(a, 0, count, packedU[p], cout, m, p * count * cout, cout, false, null);
            }
            kernels.winogradOutput(m, count, cout, bias, relu, y, outH, outW, tilesH, tilesW, c0);
        }
    }
}
