package dev.fer.engine.layer;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Map;
import java.util.Random;

/**
 * Inverted dropout: in training each value is zeroed with probability {@code rate} and the rest
 * scaled by 1 / (1 - rate); inference passes the input through unchanged. Each call draws one
 * seed from the context's stream (on the calling thread); element i keeps or drops by a hash of
 * (seed, i) ({@link dev.fer.engine.kernel.DropoutHash}), so the mask is reproducible, the same for
 * any thread count and kernel set, and built in parallel, 16 lanes at a time by the vector kernels.
 */
public final class Dropout extends BaseLayer {
    private final float rate;
    private float[] mask;
    private Tensor y;
    private Tensor dx;
    private boolean trained;
    private Tensor input;
    private long seed;
    private Tensor dy;
    private Kernels kernels;
    private final Workers.Loop forwardLoop = this::dropPiece;
    private final Workers.Loop backwardLoop = (from, to, slot) -> kernels.multiply(dy.data, mask, dx.data, from, to);

    public Dropout(float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1): " + rate);
        }
        this.rate = rate;
    }

    public static Dropout fromConfig(LayerConfig c) {
        return new Dropout(c.number("rate"));
    }

    public float rate() {
        return rate;
    }

    @Override
    protected Shape init(Shape input, Random random) {
        return input;
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        checkInput(x);
        trained = ctx.training() && rate > 0f;
        if (!trained) {
            return x;
        }
        mask = Conv2D.ensure(mask, x.size());
        y = Tensor.reuse(y, out, x.batch);
        input = x;
        seed = ctx.random().nextLong();
        kernels = ctx.kernels();
        forEachElement(ctx, input.size(), forwardLoop);
        return y;
    }

    /** Elements [from, to): the mask is a hash of the call's seed and the element index, whichever thread draws it. */
    private void dropPiece(int from, int to, int slot) {
        // drop when the hash's top 24 bits, as a fraction, fall below the rate
        int threshold = (int) Math.ceil(rate * (1 << 24));
        kernels.dropout(seed, threshold, 1f / (1f - rate), input.data, mask, y.data, from, to);
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (!needInputGradient) {
            return null;
        }
        if (!trained) {
            return gradOut;
        }
        dx = Tensor.reuse(dx, in, gradOut.batch);
        dy = gradOut;
        forEachElement(ctx, dy.size(), backwardLoop);
        return dx;
    }

    @Override
    public String kind() {
        return "Dropout";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("rate", Float.toString(rate));
    }
}
