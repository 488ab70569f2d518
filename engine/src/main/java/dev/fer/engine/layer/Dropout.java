package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each value is zeroed with probability {@code rate} and the rest
 * scaled by 1 / (1 - rate); inference passes the input through unchanged. The mask is drawn on
 * the calling thread from the context's seeded stream (reproducible).
 */
public final class Dropout extends BaseLayer {
    private final float rate;
    private float[] mask;
    private Tensor y;
    private Tensor dx;
    private boolean trained;

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
        int n = x.size();
        mask = Conv2D.ensure(mask, n);
        y = Tensor.reuse(y, out, x.batch);
        float keep = 1f / (1f - rate);
        SplittableRandom random = ctx.random();
        for (int i = 0; i < n; i++) {
            float m = random.nextFloat() < rate ? 0f : keep;
            mask[i] = m;
            y.data[i] = x.data[i] * m;
        }
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
