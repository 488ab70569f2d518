package dev.fer.detector.blazeface.net;

import dev.fer.detector.blazeface.tflite.Activation;
import dev.fer.detector.blazeface.tflite.Operator;
import dev.fer.detector.blazeface.tflite.Tensor;
import dev.fer.detector.blazeface.tflite.TensorType;
import dev.fer.detector.blazeface.tflite.TfliteFormatException;
import dev.fer.detector.blazeface.tflite.TfliteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A float TFLite CNN compiled to a fixed list of {@link Step}s for forward-only inference: weights
 * widened to float32 once (DEQUANTIZE of float16 constants is folded away), RELUs fused into the
 * operator before them, RESHAPE turned into a shared buffer. Immutable and shared between threads;
 * each thread runs it in its own {@link Workspace}.
 *
 * <p>Supported operators: CONV_2D, DEPTHWISE_CONV_2D (multiplier 1), MAX_POOL_2D, ADD, RELU, PAD
 * (channel axis), RESHAPE, CONCATENATION, RESIZE_BILINEAR, DEQUANTIZE of constants. Any other
 * operator is rejected at load time with its name.
 */
public final class Network {
    private final String source;
    private final List<Step> steps;
    private final int tensorCount;
    private final int input;
    private final int[] inputShape;
    private final int[] outputs;
    private final int[][] outputShapes;
    /** Per tensor: the tensor whose buffer it uses (itself, or the source of a RESHAPE chain). */
    private final int[] bufferOf;
    private final int[] sizes;
    /** Per tensor: the buffer slot of the workspace, -1 for tensors that need none. */
    private final int[] slotOf;
    private final int[] slotSizes;
    private final Kernels kernels;

    private Network(String source, List<Step> steps, int tensorCount, int input, int[] inputShape, int[] outputs,
                    int[][] outputShapes, int[] bufferOf, int[] sizes, Kernels kernels) {
        this.source = source;
        this.steps = steps;
        this.tensorCount = tensorCount;
        this.input = input;
        this.inputShape = inputShape;
        this.outputs = outputs;
        this.outputShapes = outputShapes;
        this.bufferOf = bufferOf;
        this.sizes = sizes;
        this.kernels = kernels;
        this.slotOf = new int[tensorCount];
        this.slotSizes = allocateSlots();
    }

    /** Compiles with the fastest kernels this runtime has. */
    public static Network compile(TfliteModel model) {
        return compile(model, Kernels.best());
    }

    public static Network compile(TfliteModel model, Kernels kernels) {
        return new Compiler(model).compile(kernels);
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

    public int stepCount() {
        return steps.size();
    }

    public String source() {
        return source;
    }

    /** Buffers for one thread: the input to fill, the activations, the outputs to read. */
    public Workspace newWorkspace() {
        return new Workspace();
    }

    /** Runs the network on what the workspace's {@link Workspace#input()} holds. Allocates nothing. */
    public void run(Workspace ws) {
        for (Step s : steps) {
            s.run(kernels, ws.tensors);
        }
    }

    /**
     * Greedy buffer reuse: a tensor's slot is freed after its last reader ran, and later tensors of
     * at most that size take it. The graph input and outputs keep their own slots.
     */
    private int[] allocateSlots() {
        int[] lastUse = new int[tensorCount];
        Arrays.fill(lastUse, -1);
        for (int i = 0; i < steps.size(); i++) {
            for (int r : steps.get(i).reads()) {
                lastUse[bufferOf[r]] = i;
            }
        }
        for (int o : outputs) {
            lastUse[bufferOf[o]] = Integer.MAX_VALUE;
        }
        lastUse[input] = Integer.MAX_VALUE;
        Arrays.fill(slotOf, -1);
        List<Integer> slotSize = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        slotOf[input] = 0;
        slotSize.add(sizes[input]);
        for (int i = 0; i < steps.size(); i++) {
            int w = bufferOf[steps.get(i).writes()];
            if (slotOf[w] < 0) {
                int best = -1;
                for (int f : free) {
                    if (slotSize.get(f) >= sizes[w] && (best < 0 || slotSize.get(f) < slotSize.get(best))) {
                        best = f;
                    }
                }
                if (best < 0) {
                    best = slotSize.size();
                    slotSize.add(sizes[w]);
                } else {
                    free.remove(Integer.valueOf(best));
                }
                slotOf[w] = best;
            }
            for (int r : steps.get(i).reads()) {
                int b = bufferOf[r];
                if (lastUse[b] == i && !free.contains(slotOf[b])) {
                    free.add(slotOf[b]);
                }
            }
        }
        return slotSize.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One thread's buffers for {@link #run}. */
    public final class Workspace {
        private final float[][] tensors = new float[tensorCount][];

        private Workspace() {
            float[][] slots = new float[slotSizes.length][];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = new float[slotSizes[s]];
            }
            for (int t = 0; t < tensorCount; t++) {
                int slot = slotOf[bufferOf[t]];
                if (slot >= 0) {
                    tensors[t] = slots[slot];
                }
            }
        }

        /** The input tensor, NHWC, to be filled before {@link #run}. */
        public float[] input() {
            return tensors[input];
        }

        /** Output {@code i} after {@link #run}, flattened row-major. */
        public float[] output(int i) {
            return tensors[outputs[i]];
        }
    }

    /** Turns the operator list into steps, checking shapes as it goes. */
    private static final class Compiler {
        private final TfliteModel model;
        private final float[][] constants;
        private final int[] bufferOf;
        private final int[] consumers;
        private final List<Step> steps = new ArrayList<>();
        /** RELU operators already fused into the step before them. */
        private final boolean[] fusedRelu;

        Compiler(TfliteModel model) {
            this.model = model;
            int n = model.tensors().size();
            this.constants = new float[n][];
            this.bufferOf = new int[n];
            for (int i = 0; i < n; i++) {
                bufferOf[i] = i;
            }
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
            this.fusedRelu = new boolean[model.operators().size()];
        }

        Network compile(Kernels kernels) {
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
                if (!fusedRelu[i]) {
                    compile(ops.get(i), i);
                }
            }
            int[] outs = model.outputs();
            int[][] outShapes = new int[outs.length][];
            for (int i = 0; i < outs.length; i++) {
                outShapes[i] = shape(outs[i]);
            }
            int[] sizes = new int[model.tensors().size()];
            for (int t = 0; t < sizes.length; t++) {
                sizes[t] = model.tensor(t).elementCount();
            }
            return new Network(model.source(), List.copyOf(steps), sizes.length, input, inShape, outs, outShapes,
                    bufferOf, sizes, kernels);
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
                case "CONV_2D" -> conv(op, index);
                case "DEPTHWISE_CONV_2D" -> depthwise(op, index);
                case "MAX_POOL_2D" -> maxPool(op);
                case "ADD" -> add(op, index);
                case "RELU" -> steps.add(new Steps.Relu(activation(op, 0), op.output(0), size(op.output(0))));
                case "PAD" -> pad(op);
                case "RESHAPE" -> reshape(op);
                case "CONCATENATION" -> concat(op);
                case "RESIZE_BILINEAR" -> resize(op);
                default -> throw fail(op + " is not supported by this network runner (it handles CONV_2D, "
                        + "DEPTHWISE_CONV_2D, MAX_POOL_2D, ADD, RELU, PAD, RESHAPE, CONCATENATION, RESIZE_BILINEAR "
                        + "and DEQUANTIZE)");
            }
        }

        private void conv(Operator op, int index) {
            Operator.Conv o = op.conv();
            int[] in = nhwc(op, op.input(0));
            int[] filter = shape(op.input(1)); // [cout, kh, kw, cin]
            int[] out = nhwc(op, op.output(0));
            int cout = filter[0];
            int kh = filter[1];
            int kw = filter[2];
            int cin = filter[3];
            checkConv(op, o, in, out, kh, kw, cin, cout);
            float[] w = constant(op, op.input(1));
            float[] wt = new float[w.length]; // to [kh][kw][cin][cout]
            for (int c = 0; c < cout; c++) {
                for (int k = 0; k < kh * kw * cin; k++) {
                    wt[k * cout + c] = w[c * kh * kw * cin + k];
                }
            }
            int target = fuseRelu(op, index, o.activation());
            steps.add(new Steps.Conv(activation(op, 0), target, in[1], in[2], cin, out[1], out[2], cout, kh, kw,
                    o.strideH(), padBefore(in[1], out[1], kh, o), padBefore(in[2], out[2], kw, o), wt,
                    bias(op, cout), target != op.output(0) || o.activation() == Activation.RELU));
        }

        private void depthwise(Operator op, int index) {
            Operator.Conv o = op.conv();
            int[] in = nhwc(op, op.input(0));
            int[] filter = shape(op.input(1)); // [1, kh, kw, c]
            int[] out = nhwc(op, op.output(0));
            if (o.depthMultiplier() != 1 || filter[3] != in[3]) {
                throw fail(op + ": only depth multiplier 1 is supported");
            }
            checkConv(op, o, in, out, filter[1], filter[2], in[3], in[3]);
            int target = fuseRelu(op, index, o.activation());
            steps.add(new Steps.Depthwise(activation(op, 0), target, in[1], in[2], in[3], out[1], out[2], filter[1],
                    filter[2], o.strideH(), padBefore(in[1], out[1], filter[1], o),
                    padBefore(in[2], out[2], filter[2], o), constant(op, op.input(1)), bias(op, in[3]),
                    target != op.output(0) || o.activation() == Activation.RELU));
        }

        private void maxPool(Operator op) {
            Operator.Pool p = op.pool();
            int[] in = nhwc(op, op.input(0));
            int[] out = nhwc(op, op.output(0));
            if (p.activation() != Activation.NONE || p.strideW() != p.strideH()) {
                throw fail(op + ": fused activations and unequal strides are not supported");
            }
            Operator.Conv asConv = new Operator.Conv(p.samePadding(), p.strideW(), p.strideH(), 1, 1, 1,
                    Activation.NONE);
            checkConv(op, asConv, in, out, p.filterH(), p.filterW(), in[3], in[3]);
            steps.add(new Steps.MaxPool(activation(op, 0), op.output(0), in[1], in[2], in[3], out[1], out[2],
                    p.filterH(), p.filterW(), p.strideH(), padBefore(in[1], out[1], p.filterH(), asConv),
                    padBefore(in[2], out[2], p.filterW(), asConv)));
        }

        private void add(Operator op, int index) {
            int a = activation(op, 0);
            int b = activation(op, 1);
            if (!Arrays.equals(shape(a), shape(b)) || !Arrays.equals(shape(a), shape(op.output(0)))) {
                throw fail(op + ": broadcasting ADD is not supported (shapes " + Arrays.toString(shape(a)) + " and "
                        + Arrays.toString(shape(b)) + ")");
            }
            Activation act = op.elementwiseActivation();
            int target = fuseRelu(op, index, act);
            steps.add(new Steps.Add(a, b, target, size(a), target != op.output(0) || act == Activation.RELU));
        }

        private void pad(Operator op) {
            int[] in = nhwc(op, op.input(0));
            int[] out = nhwc(op, op.output(0));
            int[] pads = model.tensor(op.input(1)).ints(); // [4][2]: before/after per axis
            if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[2] != 0 || pads[3] != 0 || pads[4] != 0
                    || pads[5] != 0 || in[3] + pads[6] + pads[7] != out[3]) {
                throw fail(op + ": only padding of the channel axis is supported, got paddings "
                        + Arrays.toString(pads));
            }
            steps.add(new Steps.PadChannels(activation(op, 0), op.output(0), in[1] * in[2], in[3], pads[6], out[3]));
        }

        private void reshape(Operator op) {
            int in = activation(op, 0);
            if (size(in) != size(op.output(0))) {
                throw fail(op + ": reshape from " + Arrays.toString(shape(in)) + " to "
                        + Arrays.toString(shape(op.output(0))) + " changes the element count");
            }
            bufferOf[op.output(0)] = bufferOf[in]; // row-major data is unchanged: share the buffer
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
            steps.add(new Steps.Concat(ins, op.output(0), outer, chunks));
        }

        private void resize(Operator op) {
            int[] in = nhwc(op, op.input(0));
            int[] out = nhwc(op, op.output(0));
            steps.add(Steps.ResizeBilinear.of(activation(op, 0), op.output(0), in[1], in[2], in[3], out[1], out[2],
                    op.alignCorners(), op.halfPixelCenters()));
        }

        /**
         * When the only reader of the operator's output is a RELU, the operator writes the RELU's
         * output directly; returns the tensor to write.
         */
        private int fuseRelu(Operator op, int index, Activation fused) {
            if (fused != Activation.NONE && fused != Activation.RELU) {
                throw fail(op + ": fused activation " + fused + " is not supported");
            }
            int out = op.output(0);
            if (consumers[out] != 1) {
                return out;
            }
            List<Operator> ops = model.operators();
            for (int j = index + 1; j < ops.size(); j++) {
                Operator next = ops.get(j);
                if (next.inputCount() > 0 && next.input(0) == out) {
                    if (next.kind().equals("RELU")) {
                        fusedRelu[j] = true;
                        return next.output(0);
                    }
                    return out;
                }
            }
            return out;
        }

        private void checkConv(Operator op, Operator.Conv o, int[] in, int[] out, int kh, int kw, int cin, int cout) {
            if (o.strideW() != o.strideH() || o.dilationW() != 1 || o.dilationH() != 1) {
                throw fail(op + ": unequal strides and dilation are not supported");
            }
            if (in[3] != cin || out[3] != cout) {
                throw fail(op + ": channel counts do not match (input " + in[3] + ", filter " + cin + "->" + cout
                        + ", output " + out[3] + ")");
            }
            int s = o.strideH();
            int expectH = o.samePadding() ? ceilDiv(in[1], s) : ceilDiv(in[1] - kh + 1, s);
            int expectW = o.samePadding() ? ceilDiv(in[2], s) : ceilDiv(in[2] - kw + 1, s);
            if (out[1] != expectH || out[2] != expectW) {
                throw fail(op + ": output " + out[1] + "x" + out[2] + " does not follow from input " + in[1] + "x"
                        + in[2] + ", kernel " + kh + "x" + kw + ", stride " + s);
            }
        }

        /** TFLite's SAME padding puts the smaller half before: {@code total / 2}. */
        private static int padBefore(int in, int out, int k, Operator.Conv o) {
            if (!o.samePadding()) {
                return 0;
            }
            return Math.max((out - 1) * o.strideH() + k - in, 0) / 2;
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }

        private float[] bias(Operator op, int n) {
            if (op.inputCount() < 3 || op.input(2) < 0) {
                return new float[n];
            }
            float[] b = constant(op, op.input(2));
            if (b.length != n) {
                throw fail(op + ": bias has " + b.length + " values for " + n + " channels");
            }
            return b;
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
