package dev.fer.detector.blazeface.net;

import dev.fer.detector.blazeface.tflite.Activation;
import dev.fer.detector.blazeface.tflite.Operator;
import dev.fer.detector.blazeface.tflite.Tensor;
import dev.fer.detector.blazeface.tflite.TensorType;
import dev.fer.detector.blazeface.tflite.TfliteFormatException;
import dev.fer.detector.blazeface.tflite.TfliteModel;
import dev.fer.engine.layer.Add;
import dev.fer.engine.layer.ChannelPad;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.DepthwiseConv2D;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.layer.MaxPool2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.layer.ReLU;
import dev.fer.engine.layer.ResizeBilinear;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A float TFLite CNN rebuilt from engine layers for forward-only inference: CONV_2D, DEPTHWISE_CONV_2D
 * and MAX_POOL_2D become the engine's {@link Conv2D}, {@link DepthwiseConv2D} and {@link MaxPool2D},
 * ADD (+ the RELU after it) an {@link Add}, PAD of the channel axis a {@link ChannelPad} (or, when
 * an ADD is its only reader, nothing: the Add takes the unpadded shortcut and adds it at its channels),
 * RESIZE_BILINEAR a {@link ResizeBilinear}, RELU a {@link ReLU}; float16 weights behind DEQUANTIZE
 * are widened once at load; RESHAPE and CONCATENATION are done here. Any other operator is
 * rejected at load time by name.
 *
 * <p>Like engine layers, a network owns its buffers: one instance per thread. After the first run
 * it allocates nothing.
 */
public final class Network {
    private final Context ctx;
    /** The same kernels on the calling thread alone, for the small steps. */
    private final Context serial;
    private final List<Step> steps;
    private final dev.fer.engine.tensor.Tensor[] values;
    private final int input;
    private final int[] inputShape;
    private final int[] outputs;
    private final int[][] outputShapes;

    /** What a step does; values are indexed by TFLite tensor index. */
    private interface Action {
        void run(dev.fer.engine.tensor.Tensor[] values, Context ctx);
    }

    /**
     * One operation of the graph, named for profiles (operator, kind, output shape); {@code parallel}
     * when it is large enough to be worth splitting over threads.
     */
    private record Step(String name, Action action, boolean parallel) {
    }

    /**
     * Outputs smaller than this many floats run on the calling thread only: handing a step of a
     * few tens of microseconds to another thread and waiting for it costs more than it saves
     * (BlazeFace's 16x16 and 8x8 layers).
     */
    static final int PARALLEL_MIN_FLOATS = 32 * 1024;

    private Network(Context ctx, List<Step> steps, int tensorCount, int input, int[] inputShape, int[] outputs,
                    int[][] outputShapes) {
        this.ctx = ctx;
        this.serial = new Context(false, Workers.single(), ctx.kernels(), 0);
        this.steps = steps;
        this.values = new dev.fer.engine.tensor.Tensor[tensorCount];
        this.input = input;
        this.inputShape = inputShape;
        this.outputs = outputs;
        this.outputShapes = outputShapes;
        values[input] = new dev.fer.engine.tensor.Tensor(shapeOf(inputShape), 1);
    }

    /** Single-threaded, with the best kernels (Vector API when present). */
    public static Network compile(TfliteModel model) {
        return compile(model, Context.inference(Workers.single()));
    }

    /** Runs in {@code ctx}: its kernels (scalar or vector) and its threads. */
    public static Network compile(TfliteModel model, Context ctx) {
        return new Compiler(model).compile(ctx);
    }

    /** NHWC shape of the single input, e.g. {@code [1, 128, 128, 3]}. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int outputCount() {
        return outputs.length;
    }

    public int[] outputShape(int i) {
        return outputShapes[i].clone();
    }

    /** The input tensor's floats (NHWC), to be filled before {@link #run}. */
    public float[] input() {
        return values[input].data;
    }

    public void run() {
        for (Step s : steps) {
            s.action().run(values, s.parallel() ? ctx : serial);
        }
    }

    /** How many steps {@link #run} takes (a profiler times them one by one with {@link #runStep}). */
    public int stepCount() {
        return steps.size();
    }

    /** What step {@code i} computes, e.g. {@code "operator 3 (DEPTHWISE_CONV_2D) -> [1, 64, 64, 24]"}. */
    public String stepName(int i) {
        return steps.get(i).name();
    }

    /** Runs step {@code i} alone; steps 0..i-1 must have run before for this frame. */
    public void runStep(int i) {
        Step s = steps.get(i);
        s.action().run(values, s.parallel() ? ctx : serial);
    }

    /** Output {@code i} after {@link #run}, flattened row-major. */
    public float[] output(int i) {
        return values[outputs[i]].data;
    }

    /** TFLite NHWC dims to an engine shape (channels, height, width); 3-D {@code [1, n, c]} as n x 1. */
    private static Shape shapeOf(int[] s) {
        return switch (s.length) {
            case 4 -> Shape.of(s[3], s[1], s[2]);
            case 3 -> Shape.of(s[2], s[1], 1);
            case 2 -> Shape.of(s[1]);
            default -> Shape.of(Arrays.stream(s).reduce(1, (a, b) -> a * b));
        };
    }

    /** Turns the operator list into steps, checking shapes as it goes. */
    private static final class Compiler {
        private final TfliteModel model;
        private final float[][] constants;
        private final int[] consumers;
        private final List<Step> steps = new ArrayList<>();
        /** RELU operators already fused into the ADD before them. */
        private final boolean[] fused;
        /**
         * For the output tensor of a channel PAD read only by an ADD: {padded input, zero channels
         * before it}; the ADD adds the unpadded input in place (no padded copy). Null otherwise.
         */
        private final int[][] paddedShortcut;
        private final Random unusedInit = new Random(0);

        Compiler(TfliteModel model) {
            this.model = model;
            int n = model.tensors().size();
            this.constants = new float[n][];
            this.consumers = new int[n];
            for (Operator op : model.operators()) {
                for (int i = 0; i < op.inputCount(); i++) {
                    if (op.input(i) >= 0) {
                        consumers[op.input(i)]++;
                    }
                }
            }
            for (int o : model.outputs()) {
                consumers[o]++;
            }
            this.fused = new boolean[model.operators().size()];
            this.paddedShortcut = new int[n][];
        }

        Network compile(Context ctx) {
            int[] ins = model.inputs();
            if (ins.length != 1) {
                throw fail("the model has " + ins.length + " inputs; one image input is expected");
            }
            int input = ins[0];
            int[] inShape = shape(input);
            if (inShape.length != 4 || inShape[0] != 1) {
                throw fail("input '" + model.tensor(input).name() + "' has shape " + Arrays.toString(inShape)
                        + "; expected [1, height, width, channels]");
            }
            List<Operator> ops = model.operators();
            for (int i = 0; i < ops.size(); i++) {
                if (!fused[i]) {
                    compile(ops.get(i), i);
                }
            }
            int[] outs = model.outputs();
            int[][] outShapes = new int[outs.length][];
            for (int i = 0; i < outs.length; i++) {
                outShapes[i] = shape(outs[i]);
            }
            return new Network(ctx, List.copyOf(steps), model.tensors().size(), input, inShape, outs, outShapes);
        }

        private void compile(Operator op, int index) {
            switch (op.kind()) {
                case "DEQUANTIZE" -> {
                    Tensor src = model.tensor(op.input(0));
                    if (!src.isConstant()) {
                        throw fail(op + ": only DEQUANTIZE of constant weights is supported");
                    }
                    constants[op.output(0)] = src.floats();
                }
                case "CONV_2D" -> conv(op);
                case "DEPTHWISE_CONV_2D" -> depthwise(op);
                case "MAX_POOL_2D" -> maxPool(op);
                case "ADD" -> add(op, index);
                case "RELU" -> layer(op, new ReLU());
                case "PAD" -> pad(op, index);
                case "RESHAPE" -> reshape(op);
                case "CONCATENATION" -> concat(op);
                case "RESIZE_BILINEAR" -> {
                    int[] out = nhwc(op, op.output(0));
                    layer(op, new ResizeBilinear(out[1], out[2], op.alignCorners(), op.halfPixelCenters()));
                }
                default -> throw fail(op + " is not supported by this network runner (it handles CONV_2D, "
                        + "DEPTHWISE_CONV_2D, MAX_POOL_2D, ADD, RELU, PAD, RESHAPE, CONCATENATION, RESIZE_BILINEAR "
                        + "and DEQUANTIZE)");
            }
        }

        private void step(Operator op, int output, Action action) {
            step(op + " -> " + Arrays.toString(shape(output)), output, action);
        }

        private void step(String name, int output, Action action) {
            steps.add(new Step(name, action, size(output) >= PARALLEL_MIN_FLOATS));
        }

        /** Builds a one-input engine layer on the operator's input shape and checks its output shape. */
        private void layer(Operator op, Layer layer) {
            int in = activation(op, 0);
            int out = op.output(0);
            Shape built = layer.build(shapeOf(shape(in)), unusedInit);
            if (!built.equals(shapeOf(shape(out)))) {
                throw fail(op + ": the engine's " + layer.kind() + " gives " + built + ", the model says "
                        + Arrays.toString(shape(out)));
            }
            step(op, out, (values, ctx) -> values[out] = layer.forward(values[in], ctx));
        }

        private void conv(Operator op) {
            Operator.Conv o = op.conv();
            checkConv(op, o);
            int[] filter = shape(op.input(1)); // [cout, kh, kw, cin]
            int cout = filter[0];
            int k = filter[1] * filter[2] * filter[3];
            Conv2D conv = new Conv2D(cout, filter[1], filter[2]).stride(o.strideH())
                    .padding(o.samePadding() ? Padding.SAME : Padding.VALID);
            layer(op, conv);
            float[] w = constant(op, op.input(1));
            float[] hwio = conv.weight().value; // the engine's [kh][kw][cin][cout]
            for (int c = 0; c < cout; c++) {
                for (int i = 0; i < k; i++) {
                    hwio[i * cout + c] = w[c * k + i];
                }
            }
            conv.weight().changed();
            copyBias(op, conv.biasParam().value);
            conv.biasParam().changed();
            fusedRelu(op, o.activation());
        }

        private void depthwise(Operator op) {
            Operator.Conv o = op.conv();
            checkConv(op, o);
            int[] filter = shape(op.input(1)); // [1, kh, kw, c]
            if (o.depthMultiplier() != 1 || filter[3] != shape(op.input(0))[3]) {
                throw fail(op + ": only depth multiplier 1 is supported");
            }
            DepthwiseConv2D dw = new DepthwiseConv2D(filter[1], filter[2]).stride(o.strideH())
                    .padding(o.samePadding() ? Padding.SAME : Padding.VALID);
            layer(op, dw);
            float[] w = constant(op, op.input(1)); // [kh][kw][c], as the engine's
            System.arraycopy(w, 0, dw.weight().value, 0, w.length);
            dw.weight().changed();
            copyBias(op, dw.biasParam().value);
            dw.biasParam().changed();
            fusedRelu(op, o.activation());
        }

        /** A RELU fused into a convolution by the converter becomes an engine ReLU after it. */
        private void fusedRelu(Operator op, Activation activation) {
            switch (activation) {
                case NONE -> { }
                case RELU -> {
                    ReLU relu = new ReLU();
                    int t = op.output(0);
                    relu.build(shapeOf(shape(t)), unusedInit);
                    step(op + " fused RELU", t, (values, ctx) -> values[t] = relu.forward(values[t], ctx));
                }
                default -> throw fail(op + ": fused activation " + activation + " is not supported");
            }
        }

        private void maxPool(Operator op) {
            Operator.Pool p = op.pool();
            if (p.activation() != Activation.NONE || p.strideW() != p.strideH() || p.filterW() != p.filterH()) {
                throw fail(op + ": fused activations and non-square windows or strides are not supported");
            }
            layer(op, new MaxPool2D(p.filterH(), p.strideH(), p.samePadding() ? Padding.SAME : Padding.VALID));
        }

        private void add(Operator op, int index) {
            int a = activation(op, 0);
            int b = activation(op, 1);
            if (paddedShortcut[a] != null) { // the sum is symmetric: keep the padded one second
                int t = a;
                a = b;
                b = t;
            }
            int[] shortcut = paddedShortcut[b];
            int bPadded = b;
            if (shortcut != null) {
                b = shortcut[0];
            }
            if (!Arrays.equals(shape(a), shape(bPadded)) || !Arrays.equals(shape(a), shape(op.output(0)))) {
                throw fail(op + ": broadcasting ADD is not supported (shapes " + Arrays.toString(shape(a)) + " and "
                        + Arrays.toString(shape(b)) + ")");
            }
            Activation act = op.elementwiseActivation();
            if (act != Activation.NONE && act != Activation.RELU) {
                throw fail(op + ": fused activation " + act + " is not supported");
            }
            int reluAfter = reluReading(op.output(0), index);
            boolean relu = act == Activation.RELU || reluAfter >= 0;
            int out = reluAfter >= 0 ? model.operators().get(reluAfter).output(0) : op.output(0);
            if (reluAfter >= 0) {
                fused[reluAfter] = true;
            }
            Add add = new Add(relu);
            if (shortcut != null) {
                add.shortcutChannels(shortcut[1], shape(b)[3]);
            }
            add.build(shapeOf(shape(a)));
            int first = a;
            int second = b;
            step(op, out, (values, ctx) -> values[out] = add.forward(values[first], values[second], ctx));
        }

        /** The RELU operator that is the only reader of {@code tensor}, or -1. */
        private int reluReading(int tensor, int after) {
            return onlyReader(tensor, after, "RELU");
        }

        /** The operator after {@code after} that is the only reader of {@code tensor} if it is a {@code kind}, or -1. */
        private int onlyReader(int tensor, int after, String kind) {
            if (consumers[tensor] != 1) {
                return -1;
            }
            List<Operator> ops = model.operators();
            for (int j = after + 1; j < ops.size(); j++) {
                Operator next = ops.get(j);
                for (int i = 0; i < next.inputCount(); i++) {
                    if (next.input(i) == tensor) {
                        return next.kind().equals(kind) ? j : -1;
                    }
                }
            }
            return -1;
        }

        private void pad(Operator op, int index) {
            int[] in = nhwc(op, op.input(0));
            int[] out = nhwc(op, op.output(0));
            int[] pads = model.tensor(op.input(1)).ints(); // [4][2]: before/after per axis
            if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[2] != 0 || pads[3] != 0 || pads[4] != 0
                    || pads[5] != 0 || in[3] + pads[6] + pads[7] != out[3]) {
                throw fail(op + ": only padding of the channel axis is supported, got paddings "
                        + Arrays.toString(pads));
            }
            int reader = onlyReader(op.output(0), index, "ADD");
            if (reader >= 0 && model.operators().get(reader).input(0) != model.operators().get(reader).input(1)) {
                // the ADD reads the unpadded tensor and adds it at its channels
                paddedShortcut[op.output(0)] = new int[] {activation(op, 0), pads[6]};
                return;
            }
            layer(op, new ChannelPad(pads[6], out[3]));
        }

        private void reshape(Operator op) {
            int in = activation(op, 0);
            int out = op.output(0);
            if (size(in) != size(out)) {
                throw fail(op + ": reshape from " + Arrays.toString(shape(in)) + " to " + Arrays.toString(shape(out))
                        + " changes the element count");
            }
            // row-major data is unchanged: a view of the input's floats under the new shape
            dev.fer.engine.tensor.Tensor view = new dev.fer.engine.tensor.Tensor(shapeOf(shape(out)), 1);
            step(op, out, (values, ctx) -> {
                view.data = values[in].data;
                values[out] = view;
            });
        }

        private void concat(Operator op) {
            if (op.elementwiseActivation() != Activation.NONE) {
                throw fail(op + ": fused activations are not supported");
            }
            int[] outShape = shape(op.output(0));
            int axis = op.axis() < 0 ? op.axis() + outShape.length : op.axis();
            int outer = 1;
            for (int d = 0; d < axis; d++) {
                outer *= outShape[d];
            }
            int[] ins = new int[op.inputCount()];
            int[] chunks = new int[ins.length];
            int total = 0;
            for (int i = 0; i < ins.length; i++) {
                ins[i] = activation(op, i);
                chunks[i] = size(ins[i]) / outer;
                total += size(ins[i]);
            }
            if (total != size(op.output(0))) {
                throw fail(op + ": input sizes do not add up to the output");
            }
            int out = op.output(0);
            int repeats = outer;
            dev.fer.engine.tensor.Tensor result = new dev.fer.engine.tensor.Tensor(shapeOf(outShape), 1);
            step(op, out, (values, ctx) -> {
                int d = 0;
                for (int r = 0; r < repeats; r++) {
                    for (int i = 0; i < ins.length; i++) {
                        System.arraycopy(values[ins[i]].data, r * chunks[i], result.data, d, chunks[i]);
                        d += chunks[i];
                    }
                }
                values[out] = result;
            });
        }

        private void checkConv(Operator op, Operator.Conv o) {
            if (o.strideW() != o.strideH() || o.dilationW() != 1 || o.dilationH() != 1) {
                throw fail(op + ": unequal strides and dilation are not supported");
            }
            nhwc(op, op.input(0));
            nhwc(op, op.output(0));
        }

        private void copyBias(Operator op, float[] target) {
            if (op.inputCount() < 3 || op.input(2) < 0) {
                return; // no bias: the engine's is zero
            }
            float[] b = constant(op, op.input(2));
            if (b.length != target.length) {
                throw fail(op + ": bias has " + b.length + " values for " + target.length + " channels");
            }
            System.arraycopy(b, 0, target, 0, b.length);
        }

        private float[] constant(Operator op, int tensor) {
            if (constants[tensor] == null) {
                Tensor t = model.tensor(tensor);
                if (!t.isConstant()) {
                    throw fail(op + ": weights '" + t.name() + "' are not constant");
                }
                constants[tensor] = t.floats();
            }
            return constants[tensor];
        }

        /** An input that must be a float activation (not a weight). */
        private int activation(Operator op, int i) {
            int t = op.input(i);
            Tensor tensor = model.tensor(t);
            if (tensor.isConstant() || constants[t] != null) {
                throw fail(op + ": constant input '" + tensor.name() + "' is not supported here");
            }
            if (tensor.type() != TensorType.FLOAT32) {
                throw fail(op + ": input '" + tensor.name() + "' is " + tensor.type() + "; only FLOAT32 runs");
            }
            return t;
        }

        private int[] nhwc(Operator op, int t) {
            int[] s = shape(t);
            if (s.length != 4 || s[0] != 1) {
                throw fail(op + ": tensor '" + model.tensor(t).name() + "' has shape " + Arrays.toString(s)
                        + "; expected [1, height, width, channels]");
            }
            return s;
        }

        private int[] shape(int t) {
            return model.tensor(t).shape();
        }

        private int size(int t) {
            return model.tensor(t).elementCount();
        }

        private TfliteFormatException fail(String message) {
            return new TfliteFormatException(model.source() + ": " + message);
        }
    }
}
