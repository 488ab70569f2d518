package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Batch normalization over the channel axis (Keras defaults: eps 1e-3, momentum 0.99). Training
 * normalizes with the batch mean and (biased) variance and updates the running averages
 * (running = momentum * running + (1 - momentum) * batch, with the unbiased batch variance as
 * PyTorch and TensorFlow's fused kernel do); inference uses the running averages. Per-channel
 * sums are taken per thread and added in thread order, so results do not depend on timing.
 *
 * <p>{@link #forwardWithRelu} takes the ReLU that follows in the same pass (the model does this
 * for every BatchNorm-ReLU pair): the output is max(0, .) straight away, and backward gates the
 * incoming gradient by that ReLU, recomputed from the input and the forward's scale and shift,
 * inside its own two passes. Apart from the ReLU layer's two passes forward and its pass backward,
 * that saves storing or reading the pre-ReLU activation: on W1's 48x48 layers these element-wise
 * passes over 38 MB tensors are memory-bound and do not scale with threads.
 */
public final class BatchNorm extends BaseLayer {
    private float epsilon = 1e-3f;
    private float momentum = 0.99f;
    private Param gamma;
    private Param beta;
    private Param runningMean;
    private Param runningVar;
    private int channels;

    private Kernels kernels;
    private Tensor x;
    private Tensor y;
    private Tensor dx;
    private Tensor dy;
    private int rows;
    private float[] mean;
    private float[] invStd;
    private float[] scale;
    private float[] shift;
    private float[] sumDy;
    private float[] sumDyX;
    private float[] k2;
    /** Set by {@link #forwardWithRelu}: the output went through max(0, .), gated by these (the forward's scale and shift). */
    private boolean relu;
    private float[] reluScale;
    private float[] reluShift;
    private float[][] partial;
    private boolean reduceBackward;
    private float[] pivot;
    private Workers.Task reduceTask;
    /** Rows [r0, r1) of y = scale * x + shift (then max(0, .) when fused). */
    private final Workers.Loop applyLoop = (r0, r1, slot) ->
            kernels.scaleShift(x.data, r0 * channels, r1 - r0, channels, scale, shift, relu, y.data);
    /** Rows [r0, r1) of dx = k1 dy + k2 x + k3. */
    private final Workers.Loop backwardApplyLoop = (r0, r1, slot) -> kernels.affine2(dy.data, x.data, r0 * channels,
            r1 - r0, channels, scale, k2, shift, relu ? reluScale : null, relu ? reluShift : null, dx.data);

    /** Rows per piece of the element-wise passes: at least {@link #ELEMENTS_PER_PIECE} elements. */
    private int minRowsPerPiece() {
        return Math.ceilDiv(ELEMENTS_PER_PIECE, channels);
    }

    public BatchNorm epsilon(float epsilon) {
        this.epsilon = epsilon;
        return this;
    }

    public BatchNorm momentum(float momentum) {
        this.momentum = momentum;
        return this;
    }

    public float epsilon() {
        return epsilon;
    }

    public static BatchNorm fromConfig(LayerConfig c) {
        return new BatchNorm().epsilon(c.number("epsilon")).momentum(c.number("momentum"));
    }

    @Override
    protected Shape init(Shape input, Random random) {
        channels = input.channels();
        gamma = Param.bias("gamma", channels);
        Arrays.fill(gamma.value, 1f);
        gamma = adopt(gamma);
        beta = adopt(Param.bias("beta", channels));
        runningMean = adopt(Param.state("moving_mean", channels));
        runningVar = Param.state("moving_variance", channels);
        Arrays.fill(runningVar.value, 1f);
        runningVar = adopt(runningVar);
        mean = new float[channels];
        pivot = new float[channels];
        invStd = new float[channels];
        scale = new float[channels];
        shift = new float[channels];
        sumDy = new float[channels];
        sumDyX = new float[channels];
        k2 = new float[channels];
        reluScale = new float[channels];
        reluShift = new float[channels];
        return input;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta, runningMean, runningVar);
    }

    public Param gamma() {
        return gamma;
    }

    public Param beta() {
        return beta;
    }

    public Param runningMean() {
        return runningMean;
    }

    public Param runningVariance() {
        return runningVar;
    }

    /** Inference-mode per-channel scale and shift: y = x * scale + shift. */
    public void inferenceAffine(float[] scaleOut, float[] shiftOut) {
        for (int c = 0; c < channels; c++) {
            float s = gamma.value[c] / (float) Math.sqrt(runningVar.value[c] + epsilon);
            scaleOut[c] = s;
            shiftOut[c] = beta.value[c] - runningMean.value[c] * s;
        }
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        relu = false;
        return normalize(input, ctx);
    }

    /** max(0, batch norm of input): this layer and the ReLU after it in one pass (see the class comment). */
    public Tensor forwardWithRelu(Tensor input, Context ctx) {
        relu = true;
        return normalize(input, ctx);
    }

    private Tensor normalize(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        kernels = ctx.kernels();
        rows = input.batch * in.height() * in.width();
        y = Tensor.reuse(y, out, input.batch);
        if (ctx.training()) {
            if (rows < 2) {
                throw new IllegalArgumentException("BatchNorm training needs more than one value per channel");
            }
            // both moments in one pass, relative to the first pixel's values (see sumDeviationAndSquare)
            System.arraycopy(x.data, 0, pivot, 0, channels);
            reduce(ctx, false);
            for (int c = 0; c < channels; c++) {
                float shiftMean = mean[c] / rows;
                mean[c] = pivot[c] + shiftMean;
                // invStd holds the sum of squared deviations from the pivot here
                float var = Math.max(0f, invStd[c] / rows - shiftMean * shiftMean);
                float unbiased = var * rows / (rows - 1);
                runningMean.value[c] = momentum * runningMean.value[c] + (1 - momentum) * mean[c];
                runningVar.value[c] = momentum * runningVar.value[c] + (1 - momentum) * unbiased;
                invStd[c] = (float) (1.0 / Math.sqrt(var + epsilon));
                scale[c] = gamma.value[c] * invStd[c];
                shift[c] = beta.value[c] - mean[c] * scale[c];
            }
            runningMean.changed();
            runningVar.changed();
        } else {
            inferenceAffine(scale, shift);
        }
        if (relu) { // backward reuses scale and shift for its own coefficients
            System.arraycopy(scale, 0, reluScale, 0, channels);
            System.arraycopy(shift, 0, reluShift, 0, channels);
        }
        ctx.workers().forEachBalanced(rows, minRowsPerPiece(), 1, applyLoop);
        return y;
    }

    /**
     * Per-channel sums split over threads, partials added in thread order. Forward: sum of
     * (x - pivot) into mean and of (x - pivot)^2 into invStd (as scratch); backward: sum of dy into
     * sumDy and of dy * (x - mean) into sumDyX (dy gated by the fused ReLU, if any). One pass over
     * the data either way.
     */
    private void reduce(Context ctx, boolean backward) {
        int parts = ctx.workers().threads();
        if (partial == null || partial.length != 2 * parts) {
            partial = new float[2 * parts][channels];
        }
        reduceBackward = backward;
        if (reduceTask == null) {
            reduceTask = (part, n) -> {
                int r0 = Workers.splitStart(rows, part, n, 1);
                int r1 = Workers.splitStart(rows, part + 1, n, 1);
                float[] p = partial[2 * part];
                float[] q = partial[2 * part + 1];
                Arrays.fill(p, 0f);
                Arrays.fill(q, 0f);
                int off = r0 * channels;
                if (reduceBackward) {
                    kernels.sumAndProductDeviation(dy.data, x.data, off, r1 - r0, channels, mean, relu ? reluScale : null,
                            relu ? reluShift : null, p, q);
                } else {
                    kernels.sumDeviationAndSquare(x.data, off, r1 - r0, channels, pivot, p, q);
                }
            };
        }
        ctx.workers().run(reduceTask);
        float[] first = backward ? sumDy : mean;
        float[] second = backward ? sumDyX : invStd;
        Arrays.fill(first, 0f);
        Arrays.fill(second, 0f);
        for (int t = 0; t < parts; t++) {
            for (int c = 0; c < channels; c++) {
                first[c] += partial[2 * t][c];
                second[c] += partial[2 * t + 1][c];
            }
        }
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != x.batch) {
            throw new IllegalStateException("BatchNorm.backward without a matching forward");
        }
        if (!ctx.training()) {
            throw new IllegalStateException("BatchNorm.backward needs a training-mode forward");
        }
        dy = gradOut;
        reduce(ctx, true);
        float m = rows;
        for (int c = 0; c < channels; c++) {
            float is = invStd[c];
            gamma.grad[c] += sumDyX[c] * is;
            beta.grad[c] += sumDy[c];
            // dx = k1 dy + k2 x + k3, see the class comment of Kernels.affine2
            scale[c] = gamma.value[c] * is;
            k2[c] = -gamma.value[c] * is * is * is * sumDyX[c] / m;
            shift[c] = -gamma.value[c] * is * sumDy[c] / m - k2[c] * mean[c];
        }
        if (!needInputGradient) {
            return null;
        }
        dx = Tensor.reuse(dx, in, x.batch);
        ctx.workers().forEachBalanced(rows, minRowsPerPiece(), 1, backwardApplyLoop);
        return dx;
    }

    @Override
    public String kind() {
        return "BatchNorm";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("epsilon", Float.toString(epsilon));
        c.put("momentum", Float.toString(momentum));
        return c;
    }
}
