package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.kernel.RowLayout;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fully connected layer on the flattened input: y = x . W + b, W stored [in][units]. All passes
 * are the engine's GEMM: forward X.W, input gradient dY.W^T, weight gradient X^T.dY.
 */
public final class Dense extends BaseLayer {
    /** Rows per thread below which the forward pass splits the units instead of the batch. */
    private static final int ROWS_PER_THREAD = 8;
    private final int units;
    private boolean useBias = true;
    private float l2;
    private Param weight;
    private Param bias;
    private int features;

    private Kernels kernels;
    private int batch;
    private Tensor x;
    private Tensor y;
    private Tensor dx;
    private Tensor dy;
    private float[] packedW;
    private int packedVersion = -1;
    private Kernels packedFor;
    private float[] packedDyT;
    private float[] dxT;
    private float[] packedDy;
    private float[] xT;
    private final RowLayout forwardRows = new RowLayout();
    private final RowLayout gradRows = new RowLayout();
    private final RowLayout inputRows = new RowLayout();
    private Workers.Task forwardTask;
    /** Packs W's columns split among the threads, for a forward pass that splits the batch. */
    private Workers.Task packTask;
    private boolean repack;
    private Workers.Task backwardTask;

    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense needs positive units: " + units);
        }
        this.units = units;
    }

    public Dense bias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    /** Keras-style L2 regularization of the kernel: adds {@code l2 * sum(w^2)} to the loss. */
    public Dense l2(float l2) {
        this.l2 = l2;
        return this;
    }

    public static Dense fromConfig(LayerConfig c) {
        return new Dense(c.integer("units")).bias(c.bool("bias")).l2(c.number("l2"));
    }

    @Override
    protected Shape init(Shape input, Random random) {
        features = input.size();
        weight = Param.weight("kernel", features * units);
        heNormal(weight.value, features, random);
        if (l2 > 0) {
            weight.l2(l2);
        }
        weight = adopt(weight);
        bias = adopt(useBias ? Param.bias("bias", units) : null);
        return Shape.of(units);
    }

    public Param weight() {
        return weight;
    }

    public int units() {
        return units;
    }

    @Override
    public List<Param> params() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        batch = input.batch;
        kernels = ctx.kernels();
        repack = ctx.training() || packedVersion != weight.version() || packedFor != kernels;
        if (repack) {
            packedW = Conv2D.ensure(packedW, kernels.packedSize(features, units));
            packedVersion = weight.version();
            packedFor = kernels;
        }
        forwardRows.matrix(input.data, 0, features, features);
        y = Tensor.reuse(y, out, batch);
        if (forwardTask == null) {
            forwardTask = (part, parts) -> {
                float[] b = bias == null ? null : bias.value;
                if (splitsUnits(parts)) {
                    // each thread packs and multiplies its own panels of W: W is read once in all
                    int j0 = unitsStart(part, parts);
                    int j1 = unitsStart(part + 1, parts);
                    if (repack) {
                        packColumns(j0, j1);
                    }
                    kernels.gemm(forwardRows, 0, batch, packedW, units, j0, j1, y.data, 0, units, false, b);
                } else {
                    int m0 = Workers.splitStart(batch, part, parts, ROWS_PER_THREAD);
                    int m1 = Workers.splitStart(batch, part + 1, parts, ROWS_PER_THREAD);
                    kernels.gemm(forwardRows, m0, m1, packedW, units, y.data, 0, units, false, b);
                }
            };
            packTask = (part, parts) -> packColumns(unitsStart(part, parts), unitsStart(part + 1, parts));
        }
        if (repack && !splitsUnits(ctx.workers().threads())) {
            ctx.workers().run(packTask);
        }
        ctx.workers().run(forwardTask);
        return y;
    }

    /** First unit of thread {@code part}'s share of the columns: whole packed panels each. */
    private int unitsStart(int part, int parts) {
        return Workers.splitStart(units, part, parts, kernels.columnAlign());
    }

    /** Packs W's columns [j0, j1) into packedW, where the whole packing puts them. */
    private void packColumns(int j0, int j1) {
        kernels.packB(weight.value, 0, units, 1, features, units, j0, j1, packedW);
    }

    /**
     * Whether the forward pass splits the units among the threads rather than the batch: when W
     * is larger than the input rows (W1's 4608 x 250 against 64 x 4608 at batch 64), so that each
     * thread streams its part of W only, not all of it; and when there are too few rows to share
     * (batch-1 inference). Each column gets the same arithmetic either way.
     */
    private boolean splitsUnits(int parts) {
        return batch < ROWS_PER_THREAD * parts || units >= batch;
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (y == null || gradOut.batch != batch) {
            throw new IllegalStateException("Dense.backward without a matching forward");
        }
        dy = gradOut;
        if (bias != null) {
            kernels.sumRows(dy.data, 0, batch, units, bias.grad);
        }
        // dW[in][units] += X^T . dY : A = X^T (rows = features, contiguous over the batch)
        xT = Conv2D.ensure(xT, features * batch);
        kernels.transpose(x.data, 0, batch, features, xT);
        packedDy = Conv2D.ensure(packedDy, kernels.packedSize(batch, units));
        kernels.packB(dy.data, 0, units, 1, batch, units, packedDy);
        gradRows.matrix(xT, 0, batch, batch);
        if (needInputGradient) {
            // dX^T = W . dY^T: A = W as stored (rows = features), B = dY^T (k = units, n = batch),
            // small to pack; the other way round, dX = dY . W^T, would gather all of W into a
            // packed W^T every step (on one thread: most of this layer's backward time)
            packedDyT = Conv2D.ensure(packedDyT, kernels.packedSize(units, batch));
            kernels.packB(dy.data, 0, 1, units, units, batch, packedDyT);
            inputRows.matrix(weight.value, 0, units, units);
            dxT = Conv2D.ensure(dxT, features * batch);
            dx = Tensor.reuse(dx, in, batch);
        }
        if (backwardTask == null) {
            // both products split over the features: rows of dW and of dX^T
            backwardTask = (part, parts) -> {
                int f0 = Workers.splitStart(features, part, parts, 8);
                int f1 = Workers.splitStart(features, part + 1, parts, 8);
                kernels.gemm(gradRows, f0, f1, packedDy, units, weight.grad, 0, units, true, null);
                if (needInputGradient) {
                    kernels.gemm(inputRows, f0, f1, packedDyT, batch, dxT, 0, batch, false, null);
                }
            };
        }
        ctx.workers().run(backwardTask);
        if (needInputGradient) {
            kernels.transpose(dxT, 0, features, batch, dx.data);
        }
        return needInputGradient ? dx : null;
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("units", Integer.toString(units));
        c.put("bias", Boolean.toString(useBias));
        c.put("l2", Float.toString(l2));
        return c;
    }
}
