package dev.fer.engine.layer;

import dev.fer.engine.kernel.GraphKernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import java.util.Map;
import java.util.Random;

/**
 * Bilinear resize of each channel to a fixed size, computed as TensorFlow Lite's reference kernel
 * does ({@code align_corners}, {@code half_pixel_centers}), so upsampling in a converted network
 * (BlazeFace full range's feature pyramid) matches the original. Source rows, columns and weights
 * are worked out once in {@link #build}; forward blends whole channel runs per pixel
 * ({@link GraphKernels#bilinearPixel}) and splits output rows over threads.
 */
public final class ResizeBilinear extends BaseLayer {
    private final int height;
    private final int width;
    private final boolean alignCorners;
    private final boolean halfPixelCenters;
    private int[] y0;
    private int[] y1;
    private float[] fy;
    private int[] x0;
    private int[] x1;
    private float[] fx;
    private Tensor x;
    private Tensor y;
    private Tensor dx;
    private GraphKernels kernels;
    private Workers.Task forwardTask;

    public ResizeBilinear(int height, int width, boolean alignCorners, boolean halfPixelCenters) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("ResizeBilinear needs a positive size, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.alignCorners = alignCorners;
        this.halfPixelCenters = halfPixelCenters;
    }

    @Override
    protected Shape init(Shape input, Random random) {
        y0 = new int[height];
        y1 = new int[height];
        fy = new float[height];
        x0 = new int[width];
        x1 = new int[width];
        fx = new float[width];
        interpolation(input.height(), height, y0, y1, fy);
        interpolation(input.width(), width, x0, x1, fx);
        return Shape.of(input.channels(), height, width);
    }

    /** TFLite's {@code ComputeInterpolationValues}: source position, its floor and ceil, clamped. */
    private void interpolation(int inSize, int outSize, int[] lo, int[] hi, float[] frac) {
        float scale = alignCorners && outSize > 1 ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
        for (int i = 0; i < outSize; i++) {
            float v = halfPixelCenters ? (i + 0.5f) * scale - 0.5f : i * scale;
            lo[i] = Math.max((int) Math.floor(v), 0);
            hi[i] = Math.min((int) Math.ceil(v), inSize - 1);
            frac[i] = v - lo[i];
        }
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        y = Tensor.reuse(y, out, input.batch);
        kernels = GraphKernels.matching(ctx.kernels());
        if (forwardTask == null) {
            // (image, output row) units, so one image is split over threads too
            forwardTask = (part, parts) -> {
                int u0 = Workers.splitStart(x.batch * height, part, parts, 1);
                int u1 = Workers.splitStart(x.batch * height, part + 1, parts, 1);
                for (int u = u0; u < u1; u++) {
                    forwardRow(u / height, u % height);
                }
            };
        }
        ctx.workers().run(forwardTask);
        return y;
    }

    private void forwardRow(int n, int oy) {
        int c = in.channels();
        int src = n * in.size();
        int dst = n * out.size();
        float wy = fy[oy];
        int r0 = src + y0[oy] * in.width() * c;
        int r1 = src + y1[oy] * in.width() * c;
        for (int ox = 0; ox < width; ox++) {
            float wx = fx[ox];
            int c0 = x0[ox] * c;
            int c1 = x1[ox] * c;
            kernels.bilinearPixel(x.data, r0 + c0, r1 + c0, r0 + c1, r1 + c1, (1 - wy) * (1 - wx), wy * (1 - wx),
                    (1 - wy) * wx, wy * wx, y.data, dst + (oy * width + ox) * c, c);
        }
    }

    /** Each output gradient flows back to its four source pixels with the same weights. */
    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != x.batch) {
            throw new IllegalStateException("ResizeBilinear.backward without a matching forward");
        }
        if (!needInputGradient) {
            return null;
        }
        dx = Tensor.reuse(dx, in, x.batch);
        java.util.Arrays.fill(dx.data, 0, dx.size(), 0f);
        int c = in.channels();
        for (int n = 0; n < x.batch; n++) {
            int src = n * in.size();
            int dst = n * out.size();
            for (int oy = 0; oy < height; oy++) {
                float wy = fy[oy];
                int r0 = src + y0[oy] * in.width() * c;
                int r1 = src + y1[oy] * in.width() * c;
                for (int ox = 0; ox < width; ox++) {
                    float wx = fx[ox];
                    int c0 = x0[ox] * c;
                    int c1 = x1[ox] * c;
                    int d = dst + (oy * width + ox) * c;
                    for (int ch = 0; ch < c; ch++) {
                        float g = gradOut.data[d + ch];
                        dx.data[r0 + c0 + ch] += g * (1 - wy) * (1 - wx);
                        dx.data[r1 + c0 + ch] += g * wy * (1 - wx);
                        dx.data[r0 + c1 + ch] += g * (1 - wy) * wx;
                        dx.data[r1 + c1 + ch] += g * wy * wx;
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String kind() {
        return "ResizeBilinear";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("height", Integer.toString(height), "width", Integer.toString(width), "alignCorners",
                Boolean.toString(alignCorners), "halfPixelCenters", Boolean.toString(halfPixelCenters));
    }
}
