package dev.fer.engine.layer;

import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Keras SeparableConv2D: a depthwise convolution (no bias) followed by a 1x1 pointwise
 * convolution with bias, as in mini-Xception.
 */
public final class SeparableConv2D extends BaseLayer {
    private final int filters;
    private final int kernel;
    private int stride = 1;
    private Padding padding = Padding.VALID;
    private float l2;
    private DepthwiseConv2D depthwise;
    private Conv2D pointwise;

    public SeparableConv2D(int filters, int kernel) {
        this.filters = filters;
        this.kernel = kernel;
    }

    public SeparableConv2D stride(int stride) {
        this.stride = stride;
        return this;
    }

    public SeparableConv2D padding(Padding padding) {
        this.padding = padding;
        return this;
    }

    /** L2 on the pointwise kernel. */
    public SeparableConv2D l2(float l2) {
        this.l2 = l2;
        return this;
    }

    public static SeparableConv2D fromConfig(LayerConfig c) {
        return new SeparableConv2D(c.integer("filters"), c.integer("kernel")).stride(c.integer("stride"))
                .padding(c.padding("padding")).l2(c.number("l2"));
    }

    @Override
    protected Shape init(Shape input, Random random) {
        depthwise = new DepthwiseConv2D(kernel).stride(stride).padding(padding).bias(false);
        pointwise = new Conv2D(filters, 1).l2(l2);
        return pointwise.build(depthwise.build(input, random), random);
    }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>(depthwise.params());
        p.addAll(pointwise.params());
        return p;
    }

    @Override
    public void inputGradient(boolean needed) {
        super.inputGradient(needed);
        if (depthwise != null) {
            depthwise.inputGradient(needed);
        }
    }

    @Override
    public Tensor forward(Tensor x, Context ctx) {
        checkInput(x);
        depthwise.inputGradient(needInputGradient);
        return pointwise.forward(depthwise.forward(x, ctx), ctx);
    }

    @Override
    public Tensor backward(Tensor gradOut, Context ctx) {
        return depthwise.backward(pointwise.backward(gradOut, ctx), ctx);
    }

    @Override
    public String kind() {
        return "SeparableConv2D";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("filters", Integer.toString(filters));
        c.put("kernel", Integer.toString(kernel));
        c.put("stride", Integer.toString(stride));
        c.put("padding", padding.toString());
        c.put("l2", Float.toString(l2));
        return c;
    }
}
