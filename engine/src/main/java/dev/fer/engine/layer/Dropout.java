package dev.fer.engine.layer;

import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Map;
import java.util.Random;

/**
 * Inverted dropout: in training each value is zeroed with probability {@code rate} and the rest
 * scaled by 1 / (1 - rate); inference passes the input through unchanged. Each call draws one
 * seed from the context's stream (on the calling thread); element i keeps or drops by a hash of
 * (seed, i), so the mask is reproducible, the same for any thread count, and built in parallel.
 */
public final class Dropout extends BaseLayer {
    private final float rate;
    private float[] mask;
    private Tensor y;
    private Tensor dx;
    private boolean trained;
    private Tensor input;
    private long seed;
    private Workers.Task forwardTask;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's finalizer: a strong 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

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
        if (forwardTask == null) {
            forwardTask = (part, parts) -> {
                int n = input.size();
                int from = Workers.splitStart(n, part, parts, 64);
                int to = Workers.splitStart(n, part + 1, parts, 64);
                float keep = 1f / (1f - rate);
                // drop when the hash's top 24 bits, as a fraction, fall below the rate
                long threshold = (long) Math.ceil(rate * (1 << 24));
                float[] xs = input.data;
                float[] ys = y.data;
                for (int i = from; i < to; i++) {
                    float m = (mix(seed + i * GOLDEN) >>> 40) < threshold ? 0f : keep;
                    mask[i] = m;
                    ys[i] = xs[i] * m;
                }
            };
        }
        ctx.workers().run(forwardTask);
        return y;
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
        int n = gradOut.size();
        for (int i = 0; i < n; i++) {
            dx.data[i] = gradOut.data[i] * mask[i];
        }
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
