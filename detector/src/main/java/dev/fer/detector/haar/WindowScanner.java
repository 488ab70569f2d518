package dev.fer.detector.haar;

import dev.fer.detector.RectList;
import dev.fer.detector.haar.Cascade.HaarFeature;
import dev.fer.detector.haar.Cascade.LbpFeature;

/**
 * Slides the cascade window over one band of rows of one pyramid level, as OpenCV's
 * {@code CascadeClassifierInvoker} does: the band of the shrunk image is built row by row
 * ({@link BilinearResizer}), its integral images are computed as OpenCV's {@code cv::integral}
 * computes them (32-bit sums that may wrap, which cancels in every rectangle sum), the features are
 * resolved to offsets into them, and every window is classified. A band's integrals start from zero
 * at its first row; rectangle sums are differences, so they equal those of the whole image.
 *
 * <p>On levels scanned in steps of 2 the integral rows are stored with even columns first and odd
 * columns after them, so that the windows of a row (x = 0, 2, 4, ...) sit at consecutive indices;
 * features are resolved to offsets for that layout. Consecutive windows let
 * {@link FirstStageKernel} run the variance check and the first stages of a stump cascade for
 * several windows at once; the windows still in after them are listed and {@link SurvivorKernel}
 * runs the later stages on them, several at a time. Trees, LBP and JVMs without the Vector API run
 * window by window ({@link #classify}, the kernels' scalar twin).
 *
 * <p>Not thread-safe: one per thread. Buffers grow to the largest band seen and are then reused, so
 * scanning allocates nothing after warm-up.
 */
final class WindowScanner {
    private final CompiledCascade compiled;
    private final Cascade cascade;
    private final boolean haar;
    private final boolean tilted;
    private final int winW;
    private final int winH;
    private final double normArea;

    /** Whether the Vector API is there: without it every window is classified by the scalar code. */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final int VECTOR_STAGES = Integer.getInteger("fer.haar.vectorStages", 2);

    private final boolean vectorFirstStage;
    /**
     * Stages run on vectors of consecutive windows ({@link FirstStageKernel}) before the survivors
     * are gathered ({@link SurvivorKernel}): while most lanes of a run of windows are still in,
     * loading them together is cheaper than gathering the few that are.
     */
    private final int vectorStages;
    private final BilinearResizer resizer = new BilinearResizer();
    private byte[] row = new byte[0];
    private int[] tiltBuf = new int[0];
    /** Integral rows in plain column order: previous and current, for sum, squares and tilted. */
    private int[][] rows = new int[6][0];
    /** Per window of a row: the first stages' outcome (-1 flat, -s rejected by stage s, 1 passed) and its variance factor. */
    private int[] firstCode = new int[0];
    private float[] firstVnf = new float[0];
    /** The band's windows that passed the first stages, in scan order: integral position and variance factor. */
    private int[] survivorPos = new int[0];
    private float[] survivorVnf = new float[0];
    private boolean split;
    private int half;
    /** Sum, squared sum and (when needed) tilted integrals, one plane each of {@code planeSize} ints. */
    private int[] integrals = new int[0];
    private int stride;
    private int planeSize;
    private int sqBase;
    private int tiltBase;

    /** Feature offsets for the current stride: Haar 3 rects x 4 corners, LBP 16 grid points. */
    private final int[] featureOffsets;
    private final float[] featureWeights;
    private final boolean[] threeRects;
    /** The tables the vector kernels read (null unless they run). */
    private final StumpTables tables;
    private final int[] normOffsets = new int[4];

    WindowScanner(CompiledCascade compiled) {
        this(compiled, VECTOR_API);
    }

    WindowScanner(CompiledCascade compiled, boolean vectorKernels) {
        this(compiled, vectorKernels, VECTOR_STAGES);
    }

    /**
     * @param vectorKernels whether to use the Vector API kernels where they apply (tests turn them off)
     * @param vectorStages  how many first stages run on consecutive windows (the rest on gathered survivors)
     */
    WindowScanner(CompiledCascade compiled, boolean vectorKernels, int vectorStages) {
        this.compiled = compiled;
        this.cascade = compiled.cascade;
        this.haar = cascade.featureType == Cascade.FeatureType.HAAR;
        this.tilted = cascade.hasTiltedFeatures();
        this.winW = cascade.windowWidth;
        this.winH = cascade.windowHeight;
        this.normArea = (double) (winW - 2) * (winH - 2);
        this.vectorFirstStage = vectorKernels && haar && compiled.stumps;
        // at least stage 0 on consecutive windows: OpenCV's skip rule needs its outcome for every window
        this.vectorStages = Math.clamp(vectorStages, 1, cascade.stageCount());
        int n = cascade.featureCount();
        featureOffsets = new int[n * (haar ? 12 : 16)];
        featureWeights = new float[haar ? n * 3 : 0];
        threeRects = new boolean[haar ? n : 0];
        if (haar) {
            for (int i = 0; i < n; i++) {
                HaarFeature f = cascade.haarFeatures[i];
                System.arraycopy(f.weight(), 0, featureWeights, 3 * i, 3);
                threeRects[i] = f.rectCount() == 3;
            }
        }
        tables = this.vectorFirstStage ? new StumpTables(compiled, featureOffsets, featureWeights, threeRects) : null;
    }

    /**
     * Classifies the windows with top rows {@code y0, y0 + step, ... < y1} of a level of the
     * pyramid of {@code pixels}, appending {@code x, y, w, h} (in original pixels) of each accepted
     * window to {@code out}.
     */
    void scan(byte[] pixels, int imageWidth, int imageHeight, ScaleLevel level, int y0, int y1, RectList out) {
        int w = level.width();
        int step = level.step();
        int bandRows = (y1 - 1 - y0) + winH;
        prepare(w, bandRows, step == 2);
        resizer.configure(pixels, imageWidth, imageHeight, w, level.height());
        integrate(y0, bandRows, w);
        int windows = (level.xPositions() + step - 1) / step;
        if (firstCode.length < windows) {
            firstCode = new int[windows];
            firstVnf = new float[windows];
        }
        if (!vectorFirstStage) {
            for (int y = y0; y < y1; y += step) {
                int base = (y - y0) * stride;
                for (int i = 0; i < windows; i++) {
                    int result = classify(base + i);
                    if (result > 0) {
                        out.add(level.originalX(i * step), level.originalX(y), level.boxWidth(), level.boxHeight());
                    } else if (result == 0) {
                        i++; // rejected by the first stage: OpenCV skips the next position too
                    }
                }
            }
            return;
        }
        int n = 0;
        for (int y = y0; y < y1; y += step) {
            int base = (y - y0) * stride;
            firstStage(base, windows);
            ensureSurvivorRoom(n + windows);
            for (int i = 0; i < windows; i++) {
                int code = firstCode[i];
                if (code == 1) {
                    survivorPos[n] = base + i;
                    survivorVnf[n++] = firstVnf[i];
                } else if (code == 0) {
                    i++; // rejected by the first stage: OpenCV skips the next position too
                }
            }
        }
        n = SurvivorKernel.run(integrals, survivorPos, survivorVnf, n, vectorStages, cascade.stageCount(), tables);
        for (int j = 0; j < n; j++) {
            int p = survivorPos[j];
            int y = y0 + p / stride;
            out.add(level.originalX(p % stride * step), level.originalX(y), level.boxWidth(), level.boxHeight());
        }
    }

    /** Room for {@code n} survivors and the kernel's spare lanes. */
    private void ensureSurvivorRoom(int n) {
        if (survivorPos.length < n + StumpLanes.LANES) {
            int size = Math.max(n + StumpLanes.LANES, 2 * survivorPos.length);
            survivorPos = java.util.Arrays.copyOf(survivorPos, size);
            survivorVnf = java.util.Arrays.copyOf(survivorVnf, size);
        }
    }

    /** Outcomes of the first stages for the windows {@code base .. base + windows - 1}, vectorised where whole. */
    private void firstStage(int base, int windows) {
        int whole = windows - windows % StumpLanes.LANES;
        FirstStageKernel.run(integrals, sqBase, base, whole, normOffsets, normArea, vectorStages, tables,
                firstCode, firstVnf, 0);
        for (int i = whole; i < windows; i++) {
            firstCode[i] = firstStagesScalar(base + i, i);
        }
    }

    /**
     * The scalar twin of {@link FirstStageKernel} for one window: -1 (too flat), {@code -s}
     * (rejected by stage s) or 1 (passed the vectorised stages); its factor into {@code firstVnf[i]}.
     */
    int firstStagesScalar(int p, int i) {
        float vnf = varianceNormFactor(p);
        firstVnf[i] = vnf;
        return vnf < 0 ? -1 : haarStumps(p, vnf, 0, vectorStages);
    }

    /** Sizes the buffers for a band and resolves the features to offsets for its stride. */
    private void prepare(int width, int bandRows, boolean splitColumns) {
        int newStride = width + 1;
        int newPlane = (bandRows + 1) * newStride;
        int planes = tilted ? 3 : 2;
        if (integrals.length < planes * newPlane) {
            integrals = new int[planes * newPlane];
        }
        if (row.length < width) {
            row = new byte[width];
            tiltBuf = new int[width + 1];
            rows = new int[6][width + 1];
        }
        if (newStride != stride || newPlane != planeSize || splitColumns != split) {
            split = splitColumns;
            half = (newStride + 1) / 2;
            stride = newStride;
            planeSize = newPlane;
            sqBase = newPlane;
            tiltBase = 2 * newPlane;
            resolveOffsets();
        }
    }

    private void resolveOffsets() {
        normOffsets[0] = at(1, 1);
        normOffsets[1] = at(winW - 1, 1);
        normOffsets[2] = at(1, winH - 1);
        normOffsets[3] = at(winW - 1, winH - 1);
        if (haar) {
            HaarFeature[] fs = cascade.haarFeatures;
            for (int i = 0; i < fs.length; i++) {
                HaarFeature f = fs[i];
                for (int k = 0; k < 3; k++) {
                    int o = 12 * i + 4 * k;
                    int x = f.x()[k];
                    int y = f.y()[k];
                    int rw = f.w()[k];
                    int rh = f.h()[k];
                    if (f.tilted()) {
                        featureOffsets[o] = tiltBase + at(x, y);
                        featureOffsets[o + 1] = tiltBase + at(x - rh, y + rh);
                        featureOffsets[o + 2] = tiltBase + at(x + rw, y + rw);
                        featureOffsets[o + 3] = tiltBase + at(x + rw - rh, y + rw + rh);
                    } else {
                        featureOffsets[o] = at(x, y);
                        featureOffsets[o + 1] = at(x + rw, y);
                        featureOffsets[o + 2] = at(x, y + rh);
                        featureOffsets[o + 3] = at(x + rw, y + rh);
                    }
                }
            }
        } else {
            LbpFeature[] fs = cascade.lbpFeatures;
            for (int i = 0; i < fs.length; i++) {
                LbpFeature f = fs[i];
                for (int j = 0; j < 4; j++) {
                    for (int k = 0; k < 4; k++) {
                        featureOffsets[16 * i + 4 * j + k] = at(f.x() + k * f.w(), f.y() + j * f.h());
                    }
                }
            }
        }
    }

    /**
     * The offset of integral point (dx, dy) of a window from the window's own index. With split
     * columns a window's x is even, so x + dx has the parity of dx and lies in that half of the row.
     */
    private int at(int dx, int dy) {
        int column = split ? ((dx & 1) == 0 ? dx >> 1 : half + (dx >> 1)) : dx;
        return column + stride * dy;
    }

    /** Integral images of shrunk rows {@code y0 .. y0 + rows - 1}, as {@code cv::integral} builds them. */
    private void integrate(int y0, int rowCount, int width) {
        int[][] r = rows;
        for (int[] line : r) {
            java.util.Arrays.fill(line, 0, width + 1, 0);
        }
        java.util.Arrays.fill(tiltBuf, 0, width + 1, 0);
        store(0);
        byte[] px = row;
        for (int i = 0; i < rowCount; i++) {
            resizer.row(y0 + i, px);
            int[] prevSum = r[(i & 1) * 3];
            int[] prevSq = r[(i & 1) * 3 + 1];
            int[] sum = r[((i + 1) & 1) * 3];
            int[] sq = r[((i + 1) & 1) * 3 + 1];
            int s = 0;
            int q = 0;
            for (int x = 0; x < width; x++) {
                int v = px[x] & 0xFF;
                s += v;
                q += v * v;
                sum[x + 1] = prevSum[x + 1] + s;
                sq[x + 1] = prevSq[x + 1] + q;
            }
            if (tilted) {
                tiltedRow(px, width, r[(i & 1) * 3 + 2], r[((i + 1) & 1) * 3 + 2]);
            }
            store(i + 1);
        }
    }

    /** Copies integral row {@code i} (the current rows) into the planes, splitting columns if asked. */
    private void store(int i) {
        int[][] r = rows;
        int[] a = integrals;
        int set = (i & 1) * 3;
        int dst = i * stride;
        for (int plane = 0; plane < (tilted ? 3 : 2); plane++) {
            int[] line = r[set + plane];
            int o = plane * planeSize + dst;
            if (split) {
                for (int x = 0, e = o, d = o + half; x < stride; x += 2) {
                    a[e++] = line[x];
                    if (x + 1 < stride) {
                        a[d++] = line[x + 1];
                    }
                }
            } else {
                System.arraycopy(line, 0, a, o, stride);
            }
        }
    }

    /**
     * One row of OpenCV's 45-degree integral ({@code integral_} in sumpixels.cpp, one channel), from
     * the previous row and the running diagonal buffer into the current one. Started from
     * zeros it reproduces OpenCV's first-row case too.
     */
    private void tiltedRow(byte[] src, int width, int[] prev, int[] cur) {
        int[] buf = tiltBuf;
        int t0 = src[0] & 0xFF;
        cur[0] = prev[1]; // column 0 takes the previous row's column 1 (tilted[-cn] = tilted[-tiltedstep])
        cur[1] = prev[1] + t0 + buf[1];
        int x = 1;
        for (; x < width - 1; x++) {
            int t1 = buf[x];
            buf[x - 1] = t1 + t0;
            t0 = src[x] & 0xFF;
            t1 += buf[x + 1] + t0 + prev[x];
            cur[x + 1] = t1;
        }
        if (width > 1) {
            int t1 = buf[x];
            buf[x - 1] = t1 + t0;
            t0 = src[x] & 0xFF;
            cur[x + 1] = t0 + t1 + prev[x];
            buf[x] = t0;
        }
    }

    /**
     * OpenCV's {@code runAt}: -1 when the window is too flat to classify, {@code -stage} when a stage
     * rejects it (0 for the first), 1 when every stage accepts it.
     */
    int classify(int p) {
        if (!haar) {
            return compiled.stumps ? lbpStumps(p) : lbpTrees(p);
        }
        float vnf = varianceNormFactor(p);
        if (vnf < 0) {
            return -1;
        }
        return compiled.stumps ? haarStumps(p, vnf, 0, cascade.stageCount()) : haarTrees(p, vnf);
    }

    /** {@code HaarEvaluator::setWindow}: 1/(area * stddev) of the inner window, or -1 to skip it. */
    private float varianceNormFactor(int p) {
        int[] a = integrals;
        int[] n = normOffsets;
        int sum = a[p + n[0]] - a[p + n[1]] - a[p + n[2]] + a[p + n[3]];
        int q = p + sqBase;
        int sqsum = a[q + n[0]] - a[q + n[1]] - a[q + n[2]] + a[q + n[3]];
        double nf = normArea * (sqsum & 0xFFFFFFFFL) - (double) sum * sum;
        if (!(nf > 0)) {
            return -1;
        }
        float vnf = (float) (1. / Math.sqrt(nf));
        return normArea * vnf < 1e-1 ? vnf : -1;
    }

    /** A Haar feature's weighted rectangle sums, in float as OpenCV's {@code OptFeature::calc}. */
    private float haarValue(int p, int f) {
        int[] a = integrals;
        int[] o = featureOffsets;
        int b = 12 * f;
        float[] w = featureWeights;
        float ret = w[3 * f] * (a[p + o[b]] - a[p + o[b + 1]] - a[p + o[b + 2]] + a[p + o[b + 3]])
                + w[3 * f + 1] * (a[p + o[b + 4]] - a[p + o[b + 5]] - a[p + o[b + 6]] + a[p + o[b + 7]]);
        if (threeRects[f]) {
            ret += w[3 * f + 2] * (a[p + o[b + 8]] - a[p + o[b + 9]] - a[p + o[b + 10]] + a[p + o[b + 11]]);
        }
        return ret;
    }

    /** Stages {@code [from, to)} of a stump cascade; stump indices continue from the stages before. */
    private int haarStumps(int p, float vnf, int from, int to) {
        CompiledCascade cc = compiled;
        float[] stageThreshold = cascade.stageThreshold;
        int[] stageTrees = cascade.stageTreeCount;
        int k = 0;
        for (int si = 0; si < from; si++) {
            k += stageTrees[si];
        }
        for (int si = from; si < to; si++) {
            double sum = 0;
            for (int end = k + stageTrees[si]; k < end; k++) {
                float value = haarValue(p, cc.stumpFeature[k]) * vnf;
                sum += value < cc.stumpThreshold[k] ? cc.stumpLeft[k] : cc.stumpRight[k];
            }
            if (sum < stageThreshold[si]) {
                return -si;
            }
        }
        return 1;
    }

    private int haarTrees(int p, float vnf) {
        Cascade c = cascade;
        int nodeOfs = 0;
        int leafOfs = 0;
        int tree = 0;
        for (int si = 0; si < c.stageThreshold.length; si++) {
            double sum = 0;
            for (int t = 0; t < c.stageTreeCount[si]; t++, tree++) {
                int idx = 0;
                do {
                    int node = nodeOfs + idx;
                    float value = haarValue(p, c.nodeFeature[node]) * vnf;
                    idx = value < c.nodeThreshold[node] ? c.nodeLeft[node] : c.nodeRight[node];
                } while (idx > 0);
                sum += c.leaves[leafOfs - idx];
                nodeOfs += c.treeNodeCount[tree];
                leafOfs += c.treeNodeCount[tree] + 1;
            }
            if (sum < c.stageThreshold[si]) {
                return -si;
            }
        }
        return 1;
    }

    /** An LBP feature's 8-bit code: each of the 8 outer blocks compared with the centre block. */
    private int lbpCode(int p, int f) {
        int[] a = integrals;
        int[] o = featureOffsets;
        int b = 16 * f;
        int p0 = a[p + o[b]], p1 = a[p + o[b + 1]], p2 = a[p + o[b + 2]], p3 = a[p + o[b + 3]];
        int p4 = a[p + o[b + 4]], p5 = a[p + o[b + 5]], p6 = a[p + o[b + 6]], p7 = a[p + o[b + 7]];
        int p8 = a[p + o[b + 8]], p9 = a[p + o[b + 9]], p10 = a[p + o[b + 10]], p11 = a[p + o[b + 11]];
        int p12 = a[p + o[b + 12]], p13 = a[p + o[b + 13]], p14 = a[p + o[b + 14]], p15 = a[p + o[b + 15]];
        int centre = p5 - p6 - p9 + p10;
        return (p0 - p1 - p4 + p5 >= centre ? 128 : 0)
                | (p1 - p2 - p5 + p6 >= centre ? 64 : 0)
                | (p2 - p3 - p6 + p7 >= centre ? 32 : 0)
                | (p6 - p7 - p10 + p11 >= centre ? 16 : 0)
                | (p10 - p11 - p14 + p15 >= centre ? 8 : 0)
                | (p9 - p10 - p13 + p14 >= centre ? 4 : 0)
                | (p8 - p9 - p12 + p13 >= centre ? 2 : 0)
                | (p4 - p5 - p8 + p9 >= centre ? 1 : 0);
    }

    private int lbpStumps(int p) {
        CompiledCascade cc = compiled;
        int words = cascade.subsetSize;
        int k = 0;
        for (int si = 0; si < cascade.stageThreshold.length; si++) {
            double sum = 0;
            for (int end = k + cascade.stageTreeCount[si]; k < end; k++) {
                int code = lbpCode(p, cc.stumpFeature[k]);
                boolean left = (cc.stumpSubsets[k * words + (code >> 5)] & (1 << (code & 31))) != 0;
                sum += left ? cc.stumpLeft[k] : cc.stumpRight[k];
            }
            if (sum < cascade.stageThreshold[si]) {
                return -si;
            }
        }
        return 1;
    }

    private int lbpTrees(int p) {
        Cascade c = cascade;
        int words = c.subsetSize;
        int nodeOfs = 0;
        int leafOfs = 0;
        int tree = 0;
        for (int si = 0; si < c.stageThreshold.length; si++) {
            double sum = 0;
            for (int t = 0; t < c.stageTreeCount[si]; t++, tree++) {
                int idx = 0;
                do {
                    int node = nodeOfs + idx;
                    int code = lbpCode(p, c.nodeFeature[node]);
                    boolean left = (c.nodeSubsets[node * words + (code >> 5)] & (1 << (code & 31))) != 0;
                    idx = left ? c.nodeLeft[node] : c.nodeRight[node];
                } while (idx > 0);
                sum += c.leaves[leafOfs - idx];
                nodeOfs += c.treeNodeCount[tree];
                leafOfs += c.treeNodeCount[tree] + 1;
            }
            if (sum < c.stageThreshold[si]) {
                return -si;
            }
        }
        return 1;
    }
}
