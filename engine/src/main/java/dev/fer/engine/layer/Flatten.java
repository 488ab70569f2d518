package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.Map;
import java.util.Random;

/** Reshapes each sample to a vector. NHWC data is already in Keras' flatten order: no copy. */
public final class Flatten extends BaseLayer {
    private Tensor view;
    private Tensor gradView;

    @Override
    protected Shape init(Shape input, Random random) {
        return Shape.of(input.size());
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        checkInput(x);
        view = rewrap(view, out, x);
        return view;
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        if (!needInputGradient) {
            return null;
        }
        gradView = rewrap(gradView, in, gradOut);
        return gradView;
    }

    private static Tensor rewrap(Tensor v, Shape shape, Tensor src) {
        if (v == null) {
            return new Tensor(shape, src.batch, src.data);
        }
        v.batch = src.batch;
        v.data = src.data;
        return v;
    }

    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }
}
