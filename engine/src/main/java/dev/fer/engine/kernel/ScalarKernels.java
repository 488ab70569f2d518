package dev.fer.engine.kernel;

import java.util.Arrays;

/** Plain-loop kernels: the oracle for {@code VectorKernels} and the fallback without the Vector API. */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    // B is packed as a plain row-major k x n matrix.
    @Override
    public int packedSize(int k, int n) {
        return k * n;
    }

    @Override
    public void packB(float[] src, int off, int kStride, int nStride, int k, int n, int j0, int j1, float[] dst) {
        for (int i = 0; i < k; i++) {
            for (int j = j0; j < j1; j++) {
                dst[i * n + j] = src[off + i * kStride + j * nStride];
            }
        }
    }

    /** Blocked so that a block of source rows and of destination columns both stay in L1. */
    @Override
    public void transpose(float[] src, int off, int rows, int cols, float[] dst) {
        final int block = 32;
        for (int i0 = 0; i0 < rows; i0 += block) {
            int i1 = Math.min(i0 + block, rows);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(j0 + block, cols);
                for (int i = i0; i < i1; i++) {
                    int s = off + i * cols;
                    for (int j = j0; j < j1; j++) {
                        dst[j * rows + i] = src[s + j];
                    }
                }
            }
        }
    }

    @Override
    public int columnAlign() {
        return 1;
    }

    @Override
    public void gemm(RowLayout a, int m0, int m1, float[] b, int n, int j0, int j1, float[] c, int cOff, int ldc,
                     boolean accumulate, float[] bias) {
        float[] x = a.a;
        for (int m = m0; m < m1; m++) {
            int row = cOff + m * ldc;
            if (!accumulate) {
                Arrays.fill(c, row + j0, row + j1, 0f);
            }
            if (bias != null) {
                for (int j = j0; j < j1; j++) {
                    c[row + j] += bias[j];
                }
            }
            int off = a.offset(m);
            for (int s = 0; s < a.segCount; s++) {
                int seg = off + s * a.segStride;
                for (int t = 0; t < a.segLen; t++) {
                    float av = x[seg + t];
                    int bRow = (s * a.segLen + t) * n;
                    for (int j = j0; j < j1; j++) {
                        c[row + j] += av * b[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void patchWeightGradient(RowLayout a, int m0, int m1, int k0, int k1, float[] dy, int n, float[] acc,
                                    int accOff) {
        for (int m = m0; m < m1; m++) {
            int g = m * n;
            for (int k = k0; k < k1; k++) {
                float v = a.get(m, k);
                for (int j = 0; j < n; j++) {
                    acc[accOff + k * n + j] += v * dy[g + j];
                }
            }
        }
    }

    @Override
    public int patchRowAlign() {
        return 1;
    }

    /** The weights as they are, then the bias (zeros without one). */
    @Override
    public int depthwisePackedSize(WindowGeometry g) {
        return (g.kh() * g.kw() + 1) * g.channels();
    }

    @Override
    public void depthwisePack(WindowGeometry g, float[] w, float[] bias, float[] packed) {
        int n = g.kh() * g.kw() * g.channels();
        System.arraycopy(w, 0, packed, 0, n);
        if (bias == null) {
            Arrays.fill(packed, n, n + g.channels(), 0f);
        } else {
            System.arraycopy(bias, 0, packed, n, g.channels());
        }
    }

    @Override
    public void depthwiseForward(WindowGeometry g, float[] x, int xOff, float[] packed, float[] y, int yOff,
                                 int oy0, int oy1) {
        int ch = g.channels();
        int biasAt = g.kh() * g.kw() * ch;
        for (int oy = oy0; oy < oy1; oy++) {
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int yb = yOff + (oy * g.outWidth() + ox) * ch;
                for (int c = 0; c < ch; c++) {
                    y[yb + c] = packed[biasAt + c];
                }
                for (int ky = 0; ky < g.kh(); ky++) {
                    int iy = oy * g.stride() - g.padTop() + ky;
                    if (iy < 0 || iy >= g.height()) {
                        continue;
                    }
                    for (int kx = 0; kx < g.kw(); kx++) {
                        int ix = ox * g.stride() - g.padLeft() + kx;
                        if (ix < 0 || ix >= g.width()) {
                            continue;
                        }
                        int xb = xOff + (iy * g.width() + ix) * ch;
                        int wb = (ky * g.kw() + kx) * ch;
                        for (int c = 0; c < ch; c++) {
                            y[yb + c] += x[xb + c] * packed[wb + c];
                        }
                    }
                }
            }
        }
    }

    @Override
    public void depthwiseBackward(WindowGeometry g, float[] x, int xOff, float[] w, float[] dy, int dyOff,
                                  float[] dx, int dxOff, float[] dw) {
        int ch = g.channels();
        if (dx != null) {
            Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        }
        for (int oy = 0; oy < g.outHeight(); oy++) {
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int yb = dyOff + (oy * g.outWidth() + ox) * ch;
                for (int ky = 0; ky < g.kh(); ky++) {
                    int iy = oy * g.stride() - g.padTop() + ky;
                    if (iy < 0 || iy >= g.height()) {
                        continue;
                    }
                    for (int kx = 0; kx < g.kw(); kx++) {
                        int ix = ox * g.stride() - g.padLeft() + kx;
                        if (ix < 0 || ix >= g.width()) {
                            continue;
                        }
                        int xi = (iy * g.width() + ix) * ch;
                        int wb = (ky * g.kw() + kx) * ch;
                        for (int c = 0; c < ch; c++) {
                            float d = dy[yb + c];
                            dw[wb + c] += d * x[xOff + xi + c];
                            if (dx != null) {
                                dx[dxOff + xi + c] += d * w[wb + c];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void maxPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff, int[] argmax, int aOff) {
        int ch = g.channels();
        for (int oy = 0; oy < g.outHeight(); oy++) {
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int o = (oy * g.outWidth() + ox) * ch;
                for (int c = 0; c < ch; c++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int ky = 0; ky < g.kh(); ky++) {
                        int iy = oy * g.stride() - g.padTop() + ky;
                        if (iy < 0 || iy >= g.height()) {
                            continue;
                        }
                        for (int kx = 0; kx < g.kw(); kx++) {
                            int ix = ox * g.stride() - g.padLeft() + kx;
                            if (ix < 0 || ix >= g.width()) {
                                continue;
                            }
                            int i = (iy * g.width() + ix) * ch + c;
                            if (at < 0 || x[xOff + i] > best) {
                                best = x[xOff + i];
                                at = i;
                            }
                        }
                    }
                    y[yOff + o + c] = best;
                    if (argmax != null) {
                        argmax[aOff + o + c] = at;
                    }
                }
            }
        }
    }

    @Override
    public void maxPoolBackward(WindowGeometry g, float[] dy, int dyOff, int[] argmax, int aOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int n = g.outputSize();
        for (int o = 0; o < n; o++) {
            dx[dxOff + argmax[aOff + o]] += dy[dyOff + o];
        }
    }

    @Override
    public void avgPoolForward(WindowGeometry g, float[] x, int xOff, float[] y, int yOff) {
        int ch = g.channels();
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int y0 = Math.max(oy * g.stride() - g.padTop(), 0);
            int y1 = Math.min(oy * g.stride() - g.padTop() + g.kh(), g.height());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int x0 = Math.max(ox * g.stride() - g.padLeft(), 0);
                int x1 = Math.min(ox * g.stride() - g.padLeft() + g.kw(), g.width());
                float inv = 1f / ((y1 - y0) * (x1 - x0));
                int o = yOff + (oy * g.outWidth() + ox) * ch;
                for (int c = 0; c < ch; c++) {
                    float s = 0f;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            s += x[xOff + (iy * g.width() + ix) * ch + c];
                        }
                    }
                    y[o + c] = s * inv;
                }
            }
        }
    }

    @Override
    public void avgPoolBackward(WindowGeometry g, float[] dy, int dyOff, float[] dx, int dxOff) {
        Arrays.fill(dx, dxOff, dxOff + g.inputSize(), 0f);
        int ch = g.channels();
        for (int oy = 0; oy < g.outHeight(); oy++) {
            int y0 = Math.max(oy * g.stride() - g.padTop(), 0);
            int y1 = Math.min(oy * g.stride() - g.padTop() + g.kh(), g.height());
            for (int ox = 0; ox < g.outWidth(); ox++) {
                int x0 = Math.max(ox * g.stride() - g.padLeft(), 0);
                int x1 = Math.min(ox * g.stride() - g.padLeft() + g.kw(), g.width());
                float inv = 1f / ((y1 - y0) * (x1 - x0));
                int o = dyOff + (oy * g.outWidth() + ox) * ch;
                for (int iy = y0; iy < y1; iy++) {
                    for (int ix = x0; ix < x1; ix++) {
                        int i = dxOff + (iy * g.width() + ix) * ch;
                        for (int c = 0; c < ch; c++) {
                            dx[i + c] += dy[o + c] * inv;
                        }
                    }
                }
            }
        }
    }

    @Override
    public void reluForward(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = x[i] > 0f ? dy[i] : 0f;
        }
    }

    @Override
    public void dropout(long seed, int threshold, float keep, float[] x, float[] mask, float[] y, int from, int to) {
        int s0 = DropoutHash.key0(seed);
        int s1 = DropoutHash.key1(seed);
        for (int i = from; i < to; i++) {
            float m = (DropoutHash.hash(i, s0, s1) >>> 8) < threshold ? 0f : keep;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    @Override
    public void multiply(float[] dy, float[] mask, float[] dx, int from, int to) {
        for (int i = from; i < to; i++) {
            dx[i] = dy[i] * mask[i];
        }
    }

    @Override
    public void sumRows(float[] x, int off, int rows, int c, float[] acc) {
        for (int r = 0; r < rows; r++) {
            int b = off + r * c;
            for (int j = 0; j < c; j++) {
                acc[j] += x[b + j];
            }
        }
    }

    @Override
    public void sumDeviationAndSquare(float[] x, int off, int rows, int c, float[] pivot, float[] sum, float[] squares) {
        for (int r = 0; r < rows; r++) {
            int b = off + r * c;
            for (int j = 0; j < c; j++) {
                float d = x[b + j] - pivot[j];
                sum[j] += d;
                squares[j] += d * d;
            }
        }
    }

    @Override
    public void sumAndProductDeviation(float[] dy, float[] x, int off, int rows, int c, float[] mean, float[] reluScale,
                                       float[] reluShift, float[] sumDy, float[] sumDyX) {
        for (int r = 0; r < rows; r++) {
            int b = off + r * c;
            for (int j = 0; j < c; j++) {
                float g = reluGate(dy[b + j], x[b + j], reluScale, reluShift, j);
                sumDy[j] += g;
                sumDyX[j] += g * (x[b + j] - mean[j]);
            }
        }
    }

    /**
     * dy where the ReLU of x * reluScale + reluShift passes it (always without a mask), else 0:
     * the same mul-add as {@link #scaleShift}; the vector kernels' tail too.
     */
    static float reluGate(float dy, float x, float[] reluScale, float[] reluShift, int j) {
        return reluScale == null || x * reluScale[j] + reluShift[j] > 0f ? dy : 0f;
    }

    @Override
    public void scaleShift(float[] x, int off, int rows, int c, float[] scale, float[] shift, boolean relu, float[] y) {
        for (int r = 0; r < rows; r++) {
            int b = off + r * c;
            for (int j = 0; j < c; j++) {
                float v = x[b + j] * scale[j] + shift[j];
                y[b + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void affine2(float[] dy, float[] x, int off, int rows, int c, float[] k1, float[] k2, float[] k3,
                        float[] reluScale, float[] reluShift, float[] out) {
        for (int r = 0; r < rows; r++) {
            int b = off + r * c;
            for (int j = 0; j < c; j++) {
                float g = reluGate(dy[b + j], x[b + j], reluScale, reluShift, j);
                out[b + j] = k1[j] * g + k2[j] * x[b + j] + k3[j];
            }
        }
    }

    @Override
    public void winogradInput(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0,
                              int count, float[] v) {
        float[] window = WINDOW_SCRATCH.get();
        int rowStride = w * c;
        int plane = Kernels.winogradPlane(count, c);
        for (int t = 0; t < count; t++) {
            int y0 = tileRowStart(t0 + t, 2, tilesH, tilesW, top);
            int x0 = tileColumnStart(t0 + t, 2, tilesW, left);
            int at = ((tileImage(t0 + t, tilesH, tilesW) * h + y0) * w + x0) * c;
            boolean inside = windowInside(y0, x0, 4, h, w);
            for (int ch = 0; ch < c; ch++) {
                if (inside) {
                    winogradInputChannel(x, at + ch, rowStride, c, v, t * c + ch, plane);
                } else {
                    gatherWindow(x, at + ch, rowStride, c, 4, y0, x0, h, w, window);
                    winogradInputChannel(window, 0, 4, 1, v, t * c + ch, plane);
                }
            }
        }
    }

    /** An input window of {@code n x n} values, zero outside the image: the padding of border tiles. */
    private static final ThreadLocal<float[]> WINDOW_SCRATCH = ThreadLocal.withInitial(() -> new float[36]);

    /** This thread's {@link #gatherWindow} buffer (36 floats), for the vector kernels' scalar tails. */
    static float[] windowScratch() {
        return WINDOW_SCRATCH.get();
    }

    /** Image of a tile (tiles run image by image, row by row, {@code tilesH x tilesW} per image). */
    static int tileImage(int tile, int tilesH, int tilesW) {
        return tile / tilesW / tilesH;
    }

    /** First input row of a tile's window, {@code step * ty - top}: negative where it starts in the padding. */
    static int tileRowStart(int tile, int step, int tilesH, int tilesW, int top) {
        return step * (tile / tilesW % tilesH) - top;
    }

    /** First input column of a tile's window, {@code step * tx - left}. */
    static int tileColumnStart(int tile, int step, int tilesW, int left) {
        return step * (tile % tilesW) - left;
    }

    /** Whether an {@code n x n} window at (y0, x0) lies wholly inside an {@code h x w} image. */
    static boolean windowInside(int y0, int x0, int n, int h, int w) {
        return y0 >= 0 && x0 >= 0 && y0 + n <= h && x0 + n <= w;
    }

    /**
     * One channel's {@code n x n} window at {@code at} (its top-left at image row y0, column x0)
     * into {@code window[i * n + j]}, zero where it lies outside the {@code h x w} image.
     */
    static void gatherWindow(float[] x, int at, int rowStride, int c, int n, int y0, int x0, int h, int w,
                             float[] window) {
        for (int i = 0; i < n; i++) {
            boolean row = y0 + i >= 0 && y0 + i < h;
            for (int j = 0; j < n; j++) {
                window[i * n + j] = row && x0 + j >= 0 && x0 + j < w ? x[at + i * rowStride + j * c] : 0f;
            }
        }
    }

    /**
     * Offset of channel 0 of a tile's top-left output pixel in an NHWC batch of {@code h x w x c}
     * outputs (or output gradients). Tiles are {@code step} output pixels apart and run image by
     * image, row by row, {@code tilesH x tilesW} per image.
     */
    static int winogradWindow(int tile, int step, int tilesH, int tilesW, int h, int w, int c) {
        int tileRow = tile / tilesW; // over the whole batch
        int tx = tile - tileRow * tilesW;
        int n = tileRow / tilesH;
        int ty = tileRow - n * tilesH;
        return ((n * h + step * ty) * w + step * tx) * c;
    }

    /** How many of a tile's {@code step} output columns lie inside an output {@code outW} wide (the last tile may stick out). */
    static int winogradColumnsInside(int tile, int step, int tilesW, int outW) {
        return Math.min(step, outW - step * (tile % tilesW));
    }

    /** How many of a tile's {@code step} output rows lie inside an output {@code outH} high. */
    static int winogradRowsInside(int tile, int step, int tilesH, int tilesW, int outH) {
        return Math.min(step, outH - step * (tile / tilesW % tilesH));
    }

    /** B^T d B of one channel's 4x4 window at {@code at}; the vector kernels' tail too. */
    static void winogradInputChannel(float[] x, int at, int rowStride, int c, float[] v, int out, int plane) {
        float d00 = x[at + 0 * rowStride + 0 * c];
        float d01 = x[at + 0 * rowStride + 1 * c];
        float d02 = x[at + 0 * rowStride + 2 * c];
        float d03 = x[at + 0 * rowStride + 3 * c];
        float d10 = x[at + 1 * rowStride + 0 * c];
        float d11 = x[at + 1 * rowStride + 1 * c];
        float d12 = x[at + 1 * rowStride + 2 * c];
        float d13 = x[at + 1 * rowStride + 3 * c];
        float d20 = x[at + 2 * rowStride + 0 * c];
        float d21 = x[at + 2 * rowStride + 1 * c];
        float d22 = x[at + 2 * rowStride + 2 * c];
        float d23 = x[at + 2 * rowStride + 3 * c];
        float d30 = x[at + 3 * rowStride + 0 * c];
        float d31 = x[at + 3 * rowStride + 1 * c];
        float d32 = x[at + 3 * rowStride + 2 * c];
        float d33 = x[at + 3 * rowStride + 3 * c];
        float r00 = d00 - d20;
        float r10 = d10 + d20;
        float r20 = d20 - d10;
        float r30 = d10 - d30;
        float r01 = d01 - d21;
        float r11 = d11 + d21;
        float r21 = d21 - d11;
        float r31 = d11 - d31;
        float r02 = d02 - d22;
        float r12 = d12 + d22;
        float r22 = d22 - d12;
        float r32 = d12 - d32;
        float r03 = d03 - d23;
        float r13 = d13 + d23;
        float r23 = d23 - d13;
        float r33 = d13 - d33;
        v[out + 0 * plane] = r00 - r02;
        v[out + 1 * plane] = r01 + r02;
        v[out + 2 * plane] = r02 - r01;
        v[out + 3 * plane] = r01 - r03;
        v[out + 4 * plane] = r10 - r12;
        v[out + 5 * plane] = r11 + r12;
        v[out + 6 * plane] = r12 - r11;
        v[out + 7 * plane] = r11 - r13;
        v[out + 8 * plane] = r20 - r22;
        v[out + 9 * plane] = r21 + r22;
        v[out + 10 * plane] = r22 - r21;
        v[out + 11 * plane] = r21 - r23;
        v[out + 12 * plane] = r30 - r32;
        v[out + 13 * plane] = r31 + r32;
        v[out + 14 * plane] = r32 - r31;
        v[out + 15 * plane] = r31 - r33;
    }

    @Override
    public void winogradOutput(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH, int outW,
                               int tilesH, int tilesW, int t0) {
        int plane = Kernels.winogradPlane(count, cout);
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            int o = winogradWindow(tile, 2, tilesH, tilesW, outH, outW, cout);
            boolean right = winogradColumnsInside(tile, 2, tilesW, outW) == 2;
            boolean bottom = winogradRowsInside(tile, 2, tilesH, tilesW, outH) == 2;
            for (int co = 0; co < cout; co++) {
                winogradOutputChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, y, o + co,
                        outW * cout, cout, right, bottom);
            }
        }
    }

    /** A^T m A + b (then max(0, .)) of one channel of one tile; the vector kernels' tail too. */
    static void winogradOutputChannel(float[] m, int in, int plane, float b, boolean relu, float[] y, int o,
                                      int rowStride, int c, boolean right, boolean bottom) {
        float m00 = m[in + 0 * plane];
        float m01 = m[in + 1 * plane];
        float m02 = m[in + 2 * plane];
        float m03 = m[in + 3 * plane];
        float m10 = m[in + 4 * plane];
        float m11 = m[in + 5 * plane];
        float m12 = m[in + 6 * plane];
        float m13 = m[in + 7 * plane];
        float m20 = m[in + 8 * plane];
        float m21 = m[in + 9 * plane];
        float m22 = m[in + 10 * plane];
        float m23 = m[in + 11 * plane];
        float m30 = m[in + 12 * plane];
        float m31 = m[in + 13 * plane];
        float m32 = m[in + 14 * plane];
        float m33 = m[in + 15 * plane];
        float t00 = m00 + m10 + m20;
        float t10 = m10 - m20 - m30;
        float t01 = m01 + m11 + m21;
        float t11 = m11 - m21 - m31;
        float t02 = m02 + m12 + m22;
        float t12 = m12 - m22 - m32;
        float t03 = m03 + m13 + m23;
        float t13 = m13 - m23 - m33;
        float y00 = t00 + t01 + t02 + b;
        float y01 = t01 - t02 - t03 + b;
        float y10 = t10 + t11 + t12 + b;
        float y11 = t11 - t12 - t13 + b;
        if (relu) {
            y00 = Math.max(y00, 0f);
            y01 = Math.max(y01, 0f);
            y10 = Math.max(y10, 0f);
            y11 = Math.max(y11, 0f);
        }
        y[o] = y00;
        if (right) {
            y[o + c] = y01;
        }
        if (bottom) {
            y[o + rowStride] = y10;
            if (right) {
                y[o + rowStride + c] = y11;
            }
        }
    }

    // ------------------------------------------------------------- Winograd F(4x4, 3x3)

    /** Column-then-row intermediates of one channel's F(4x4) transforms (36 floats, 4 more for an output row). */
    private static final ThreadLocal<float[]> WINOGRAD4_SCRATCH = ThreadLocal.withInitial(() -> new float[44]);

    @Override
    public void winograd4x4Input(float[] x, int h, int w, int c, int top, int left, int tilesH, int tilesW, int t0,
                                 int count, float[] v) {
        float[] s = WINOGRAD4_SCRATCH.get();
        float[] window = WINDOW_SCRATCH.get();
        int rowStride = w * c;
        int plane = Kernels.winogradPlane(count, c);
        for (int t = 0; t < count; t++) {
            int y0 = tileRowStart(t0 + t, 4, tilesH, tilesW, top);
            int x0 = tileColumnStart(t0 + t, 4, tilesW, left);
            int at = ((tileImage(t0 + t, tilesH, tilesW) * h + y0) * w + x0) * c;
            boolean inside = windowInside(y0, x0, 6, h, w);
            for (int ch = 0; ch < c; ch++) {
                if (inside) {
                    winograd4x4InputChannel(x, at + ch, rowStride, c, s, v, t * c + ch, plane);
                } else {
                    gatherWindow(x, at + ch, rowStride, c, 6, y0, x0, h, w, window);
                    winograd4x4InputChannel(window, 0, 6, 1, s, v, t * c + ch, plane);
                }
            }
        }
    }

    /**
     * B^T d B of one channel's 6x6 window at {@code at}: B^T down each column into {@code s}, then
     * along each row into the 36 points; the vector kernels' tail too.
     */
    static void winograd4x4InputChannel(float[] x, int at, int rowStride, int c, float[] s, float[] v, int out,
                                        int plane) {
        for (int j = 0; j < 6; j++) {
            winograd4x4InputLine(x, at + j * c, rowStride, s, j, 6);
        }
        for (int i = 0; i < 6; i++) {
            winograd4x4InputLine(s, 6 * i, 1, v, out + 6 * i * plane, plane);
        }
    }

    /**
     * B^T times the 6 values {@code in[at + k * step]} into {@code out[o + r * ostep]}. B^T's rows,
     * with the shared terms, in the order the vector kernel computes them:
     * <pre>
     *   o0 = (4 d0 - 5 d2) + d4          t0 = d4 - 4 d2,  t1 = d3 - 4 d1
     *   o1 = t0 + t1,  o2 = t0 - t1      t2 = d4 - d2,    t3 = 2 (d3 - d1)
     *   o3 = t2 + t3,  o4 = t2 - t3      o5 = (4 d1 - 5 d3) + d5
     * </pre>
     */
    private static void winograd4x4InputLine(float[] in, int at, int step, float[] out, int o, int ostep) {
        float d0 = in[at];
        float d1 = in[at + step];
        float d2 = in[at + 2 * step];
        float d3 = in[at + 3 * step];
        float d4 = in[at + 4 * step];
        float d5 = in[at + 5 * step];
        float t0 = d4 - 4f * d2;
        float t1 = d3 - 4f * d1;
        float t2 = d4 - d2;
        float t3 = 2f * (d3 - d1);
        out[o] = (4f * d0 - 5f * d2) + d4;
        out[o + ostep] = t0 + t1;
        out[o + 2 * ostep] = t0 - t1;
        out[o + 3 * ostep] = t2 + t3;
        out[o + 4 * ostep] = t2 - t3;
        out[o + 5 * ostep] = (4f * d1 - 5f * d3) + d5;
    }

    @Override
    public void winograd4x4Output(float[] m, int count, int cout, float[] bias, boolean relu, float[] y, int outH,
                                  int outW, int tilesH, int tilesW, int t0) {
        float[] s = WINOGRAD4_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, cout);
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            int o = winogradWindow(tile, 4, tilesH, tilesW, outH, outW, cout);
            int cols = winogradColumnsInside(tile, 4, tilesW, outW);
            int rows = winogradRowsInside(tile, 4, tilesH, tilesW, outH);
            for (int co = 0; co < cout; co++) {
                winograd4x4OutputChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, s, y, o + co,
                        outW * cout, cout, rows, cols);
            }
        }
    }

    @Override
    public void winograd4x4OutputPooled(float[] m, int count, int cout, float[] bias, boolean relu, float[] y,
                                        int outH, int outW, int tilesH, int tilesW, int t0) {
        float[] s = WINOGRAD4_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, cout);
        for (int t = 0; t < count; t++) {
            int tile = t0 + t;
            // a tile's 4x4 outputs pool to 2x2: the pooled tiles are 2 pixels apart
            int o = winogradWindow(tile, 2, tilesH, tilesW, outH / 2, outW / 2, cout);
            int cols = winogradColumnsInside(tile, 4, tilesW, outW) / 2;
            int rows = winogradRowsInside(tile, 4, tilesH, tilesW, outH) / 2;
            for (int co = 0; co < cout; co++) {
                winograd4x4PooledChannel(m, t * cout + co, plane, bias == null ? 0f : bias[co], relu, s, y, o + co,
                        outW / 2 * cout, cout, rows, cols);
            }
        }
    }

    /**
     * {@link #winograd4x4OutputChannel}'s values, then the max of each 2x2 block: two output rows
     * at a time into {@code s[36..43]}; the vector kernels' tail too.
     */
    static void winograd4x4PooledChannel(float[] m, int in, int plane, float bias, boolean relu, float[] s, float[] y,
                                         int o, int rowStride, int c, int rows, int cols) {
        winograd4x4Columns(m, in, plane, s);
        for (int i = 0; i < rows; i++) {
            winograd4x4OutputLine(s, 12 * i, 1, s, 36, 1);
            winograd4x4OutputLine(s, 12 * i + 6, 1, s, 40, 1);
            for (int k = 0; k < cols; k++) {
                float v = Math.max(Math.max(s[36 + 2 * k] + bias, s[37 + 2 * k] + bias),
                        Math.max(s[40 + 2 * k] + bias, s[41 + 2 * k] + bias));
                y[o + i * rowStride + k * c] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /** A^T down each of the 6 columns of one channel's 6x6 products into {@code s[0..23]} (4 rows of 6). */
    private static void winograd4x4Columns(float[] m, int in, int plane, float[] s) {
        for (int j = 0; j < 6; j++) {
            winograd4x4OutputLine(m, in + j * plane, 6 * plane, s, j, 6);
        }
    }

    /**
     * A^T m A + b (then max(0, .)) of one channel of one tile into its {@code rows x cols} output
     * pixels inside the image: A^T down each column into {@code s}, then along each output row
     * into {@code s[36..39]}, plus the bias; the vector kernels' tail too.
     */
    static void winograd4x4OutputChannel(float[] m, int in, int plane, float bias, boolean relu, float[] s, float[] y,
                                         int o, int rowStride, int c, int rows, int cols) {
        winograd4x4Columns(m, in, plane, s);
        for (int i = 0; i < rows; i++) {
            winograd4x4OutputLine(s, 6 * i, 1, s, 36, 1);
            for (int k = 0; k < cols; k++) {
                float v = s[36 + k] + bias;
                y[o + i * rowStride + k * c] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /**
     * A^T times the 6 values {@code in[at + k * step]} into {@code out[o + r * ostep]}, r < 4, in
     * the vector kernel's order:
     * <pre>
     *   a = m1 + m2,  b = m1 - m2,  c = m3 + m4,  d = m3 - m4
     *   y0 = (m0 + a) + c,  y1 = b + 2 d,  y2 = a + 4 c,  y3 = (b + 8 d) + m5
     * </pre>
     */
    private static void winograd4x4OutputLine(float[] in, int at, int step, float[] out, int o, int ostep) {
        float m0 = in[at];
        float m1 = in[at + step];
        float m2 = in[at + 2 * step];
        float m3 = in[at + 3 * step];
        float m4 = in[at + 4 * step];
        float m5 = in[at + 5 * step];
        float a = m1 + m2;
        float b = m1 - m2;
        float cc = m3 + m4;
        float d = m3 - m4;
        out[o] = (m0 + a) + cc;
        out[o + ostep] = b + 2f * d;
        out[o + 2 * ostep] = a + 4f * cc;
        out[o + 3 * ostep] = (b + 8f * d) + m5;
    }

    @Override
    public void winogradWeightTransform(int tile, float[] hwio, int cin, int cout, int ci0, int ci1, float[] u) {
        float[] s = GRADIENT_SCRATCH.get();
        int plane = cin * cout;
        for (int ci = ci0; ci < ci1; ci++) {
            for (int co = 0; co < cout; co++) {
                weightTransformChannel(tile, hwio, plane, s, u, ci * cout + co);
            }
        }
    }

    /**
     * G g G^T of the kernel of (ci, co) at {@code at}: G down each of its 3 columns into
     * {@code s[0..18)} ((tile + 2) x 3), then along each row into the points; the vector kernels'
     * tail too.
     */
    static void weightTransformChannel(int tile, float[] hwio, int plane, float[] s, float[] u, int at) {
        int n = tile + 2;
        for (int kx = 0; kx < 3; kx++) {
            weightLine(tile, hwio[at + kx * plane], hwio[at + (3 + kx) * plane], hwio[at + (6 + kx) * plane], s, kx, 3);
        }
        for (int r = 0; r < n; r++) {
            weightLine(tile, s[3 * r], s[3 * r + 1], s[3 * r + 2], u, at + r * n * plane, plane);
        }
    }

    /**
     * G times (a0, a1, a2) into {@code out[o + r * ostep]}, r < tile + 2, with h = a0 + a2:
     * <pre>
     *   F(2x2): a0, (h + a1)/2, (h - a1)/2, a2
     *   F(4x4): a0/4, -(h + a1)/6, -(h - a1)/6, p + q, p - q, a2   with p = a0/24 + a2/6, q = a1/12
     * </pre>
     */
    private static void weightLine(int tile, float a0, float a1, float a2, float[] out, int o, int ostep) {
        float h = a0 + a2;
        if (tile == 2) {
            out[o] = a0;
            out[o + ostep] = (h + a1) * 0.5f;
            out[o + 2 * ostep] = (h - a1) * 0.5f;
            out[o + 3 * ostep] = a2;
            return;
        }
        float p = a0 * TWENTY_FOURTH + a2 * SIXTH;
        float q = a1 * TWELFTH;
        out[o] = a0 * 0.25f;
        out[o + ostep] = (h + a1) * -SIXTH;
        out[o + 2 * ostep] = (h - a1) * -SIXTH;
        out[o + 3 * ostep] = p + q;
        out[o + 4 * ostep] = p - q;
        out[o + 5 * ostep] = a2;
    }

    // ------------------------------------------------------------- Winograd weight gradient

    /** One channel's dy tile (tile^2), then A down its columns ((tile + 2) x tile), then 3 x (tile + 2) and 3 more for the kernel transform. */
    private static final ThreadLocal<float[]> GRADIENT_SCRATCH = ThreadLocal.withInitial(() -> new float[16 + 24 + 36 + 18 + 3]);

    @Override
    public void winogradGradientTransform(int tile, float[] dy, int outH, int outW, int c, int tilesH, int tilesW,
                                          int t0, int count, float[] w) {
        float[] s = GRADIENT_SCRATCH.get();
        int plane = Kernels.winogradPlane(count, c);
        for (int t = 0; t < count; t++) {
            int o = winogradWindow(t0 + t, tile, tilesH, tilesW, outH, outW, c);
            int rows = winogradRowsInside(t0 + t, tile, tilesH, tilesW, outH);
            int cols = winogradColumnsInside(t0 + t, tile, tilesW, outW);
            for (int ch = 0; ch < c; ch++) {
                gradientTransformChannel(tile, dy, o + ch, outW * c, c, rows, cols, s, w, t * c + ch, plane);
            }
        }
    }

    /**
     * A dy A^T of one channel's {@code tile x tile} block of dy at {@code at} ({@code rows x cols}
     * of it inside the output, zeros beyond): A down each column, then along each row into the
     * points; the vector kernels' tail too.
     */
    static void gradientTransformChannel(int tile, float[] dy, int at, int rowStride, int c, int rows, int cols,
                                         float[] s, float[] w, int out, int plane) {
        int n = tile + 2;
        int mid = tile * tile;
        for (int i = 0; i < tile; i++) {
            for (int k = 0; k < tile; k++) {
                s[i * tile + k] = i < rows && k < cols ? dy[at + i * rowStride + k * c] : 0f;
            }
        }
        for (int k = 0; k < tile; k++) {
            gradientLine(tile, s, k, tile, s, mid + k, tile);
        }
        for (int p = 0; p < n; p++) {
            gradientLine(tile, s, mid + p * tile, 1, w, out + p * n * plane, plane);
        }
    }

    /**
     * A times the {@code tile} values {@code in[at + k * step]} into {@code out[o + p * ostep]},
     * p < tile + 2; A is the transpose of the forward pass's A^T:
     * <pre>
     *   F(2x2): d0, d0 + d1, d0 - d1, -d1
     *   F(4x4): d0, e + o, e - o, e4 + o8, e4 - o8, d3
     *           with e = d0 + d2, o = d1 + d3, e4 = d0 + 4 d2, o8 = 2 d1 + 8 d3
     * </pre>
     */
    private static void gradientLine(int tile, float[] in, int at, int step, float[] out, int o, int ostep) {
        float d0 = in[at];
        float d1 = in[at + step];
        if (tile == 2) {
            out[o] = d0;
            out[o + ostep] = d0 + d1;
            out[o + 2 * ostep] = d0 - d1;
            out[o + 3 * ostep] = -d1;
            return;
        }
        float d2 = in[at + 2 * step];
        float d3 = in[at + 3 * step];
        float e = d0 + d2;
        float od = d1 + d3;
        float e4 = d0 + 4f * d2;
        float o8 = 2f * d1 + 8f * d3;
        out[o] = d0;
        out[o + ostep] = e + od;
        out[o + 2 * ostep] = e - od;
        out[o + 3 * ostep] = e4 + o8;
        out[o + 4 * ostep] = e4 - o8;
        out[o + 5 * ostep] = d3;
    }

    @Override
    public void winogradKernelGradient(int tile, float[] u, int parts, int partStride, int cin, int cout, int ci0,
                                       int ci1, float[] grad) {
        float[] s = GRADIENT_SCRATCH.get();
        int plane = cin * cout;
        for (int ci = ci0; ci < ci1; ci++) {
            for (int co = 0; co < cout; co++) {
                kernelGradientChannel(tile, u, parts, partStride, plane, s, grad, ci * cout + co);
            }
        }
    }

    /**
     * One (ci, co) at {@code at}: its points summed over the parts into {@code s}, then G^T m G
     * added to the 3x3 kernel gradient at {@code grad[at + (ky * 3 + kx) * plane]} (G^T down each
     * column into {@code s[36..]}, then along each row); the vector kernels' tail too.
     */
    static void kernelGradientChannel(int tile, float[] u, int parts, int partStride, int plane, float[] s,
                                      float[] grad, int at) {
        int n = tile + 2;
        for (int p = 0; p < n * n; p++) {
            float m = u[p * plane + at];
            for (int part = 1; part < parts; part++) {
                m += u[part * partStride + p * plane + at];
            }
            s[p] = m;
        }
        for (int j = 0; j < n; j++) {
            kernelLine(tile, s, j, n, s, 36 + j, n);
        }
        for (int ky = 0; ky < 3; ky++) {
            kernelLine(tile, s, 36 + ky * n, 1, s, 54, 1);
            for (int kx = 0; kx < 3; kx++) {
                grad[at + (ky * 3 + kx) * plane] += s[54 + kx];
            }
        }
    }

    /** F(4x4)'s transform factors, shared with the vector kernels so both round them alike. */
    static final float SIXTH = 1f / 6f;
    static final float TWELFTH = 1f / 12f;
    static final float TWENTY_FOURTH = 1f / 24f;

    /**
     * G^T times the {@code tile + 2} values {@code in[at + k * step]} into {@code out[o + r * ostep]},
     * r < 3, with a = m1 + m2, b = m1 - m2, c = m3 + m4, d = m3 - m4:
     * <pre>
     *   F(2x2): m0 + a/2, b/2, a/2 + m3
     *   F(4x4): (m0/4 - a/6) + c/24, d/12 - b/6, (c - a)/6 + m5
     * </pre>
     */
    private static void kernelLine(int tile, float[] in, int at, int step, float[] out, int o, int ostep) {
        float m0 = in[at];
        float m1 = in[at + step];
        float m2 = in[at + 2 * step];
        float m3 = in[at + 3 * step];
        float a = m1 + m2;
        float b = m1 - m2;
        if (tile == 2) {
            float half = 0.5f * a;
            out[o] = m0 + half;
            out[o + ostep] = 0.5f * b;
            out[o + 2 * ostep] = half + m3;
            return;
        }
        float m4 = in[at + 4 * step];
        float m5 = in[at + 5 * step];
        float cc = m3 + m4;
        float d = m3 - m4;
        out[o] = (0.25f * m0 - SIXTH * a) + TWENTY_FOURTH * cc;
        out[o + ostep] = TWELFTH * d - SIXTH * b;
        out[o + 2 * ostep] = SIXTH * (cc - a) + m5;
    }
}
