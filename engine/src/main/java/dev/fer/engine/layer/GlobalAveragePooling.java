package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/** Mean over height and width per channel: C x H x W -> C. */
public final class GlobalAveragePooling extends BaseLayer {
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    @Override
    protected Shape init(Shape input, Random random) {
        return Shape.of(input.channels());
    }

    @Override
    public Tensor forward(Tensor input, Context ctx) {
        checkInput(input);
        x = input;
        y = Tensor.reuse(y, out, input.batch);
        int c = in.channels();
        int pixels = in.height() * in.width();
        float inv = 1f / pixels;
        for (int n = 0; n < input.batch; n++) {
            ctx.kernels().sumRows(input.data, n * in.size(), pixels, c, scratch(c));
            for (int j = 0; j < c; j++) {
                y.data[n * c + j] = sums[j] * inv;
            }
        }
        return y;
    }

    private float[] sums;

    private float[] scratch(int c) {
        if (sums == null) {
            sums = new float[c];
        }
        Arrays.fill(sums, 0f);
        return sums;
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (!needInputGradient) {
            return null;
        }
        dx = Tensor.reuse(dx, in, gradOut.batch);
        int c = in.channels();
        int pixels = in.height() * in.width();
        float inv = 1f / pixels;
        for (int n = 0; n < gradOut.batch; n++) {
            for (int p = 0; p < pixels; p++) {
                int o = n * in.size() + p * c;
                for (int j = 0; j < c; j++) {
                    dx.data[o + j] = gradOut.data[n * c + j] * inv;
                }
            }
        }
        return dx;
    }

    @Override
    public String kind() {
        return "GlobalAveragePooling";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }
}
