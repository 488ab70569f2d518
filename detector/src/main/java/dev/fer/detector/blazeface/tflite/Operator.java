package dev.fer.detector.blazeface.tflite;

/**
 * One operator of the graph with the options its kind carries. Option fields follow schema.fbs
 * ({@code Conv2DOptions}, {@code DepthwiseConv2DOptions}, {@code Pool2DOptions}, ...).
 *
 */
public final class Operator {
    private final int index;
    private final String kind;
    private final int[] inputs;
    private final int[] outputs;
    private final FlatTable options;

    Operator(int index, String kind, int[] inputs, int[] outputs, FlatTable options) {
        this.index = index;
        this.kind = kind;
        this.inputs = inputs;
        this.outputs = outputs;
        this.options = options;
    }

    /** Position in the subgraph's operator list. */
    public int index() {
        return index;
    }

    public String kind() {
        return kind;
    }

    public int[] inputs() {
        return inputs.clone();
    }

    public int input(int i) {
        return inputs[i];
    }

    public int inputCount() {
        return inputs.length;
    }

    public int output(int i) {
        return outputs[i];
    }

    public int outputCount() {
        return outputs.length;
    }

    @Override
    public String toString() {
        return "operator " + index + " (" + kind + ")";
    }

    /** SAME or VALID padding, stride, dilation and activation of CONV_2D and DEPTHWISE_CONV_2D. */
    public record Conv(boolean samePadding, int strideW, int strideH, int dilationW, int dilationH,
                       int depthMultiplier, Activation activation) {
    }

    /** Window, stride, padding and activation of the 2-D pooling operators. */
    public record Pool(boolean samePadding, int strideW, int strideH, int filterW, int filterH,
                       Activation activation) {
    }

    public Conv conv() {
        return switch (kind) {
            case "CONV_2D" -> new Conv(getByte(0) == 0, getInt(1, 1), getInt(2, 1), getInt(4, 1), getInt(5, 1), 1,
                    activation(3));
            case "DEPTHWISE_CONV_2D" -> new Conv(getByte(0) == 0, getInt(1, 1), getInt(2, 1), getInt(5, 1),
                    getInt(6, 1), getInt(3, 1), activation(4));
            default -> throw new IllegalStateException(kind + " has no convolution options");
        };
    }

    public Pool pool() {
        return new Pool(getByte(0) == 0, getInt(1, 1), getInt(2, 1), getInt(3, 1), getInt(4, 1), activation(5));
    }

    /** The fused activation of ADD, SUB, MUL and CONCATENATION. */
    public Activation elementwiseActivation() {
        return activation(kind.equals("CONCATENATION") ? 1 : 0);
    }

    /** The axis of CONCATENATION. */
    public int axis() {
        return getInt(0, 0);
    }

    /** RESIZE_BILINEAR's {@code align_corners} (ResizeBilinearOptions field 2). */
    public boolean alignCorners() {
        return getByte(2) != 0;
    }

    /** RESIZE_BILINEAR's {@code half_pixel_centers} (ResizeBilinearOptions field 3). */
    public boolean halfPixelCenters() {
        return getByte(3) != 0;
    }

    private int getByte(int field) {
        return options == null ? 0 : options.getByte(field, 0);
    }

    private int getInt(int field, int defaultValue) {
        return options == null ? defaultValue : options.getInt(field, defaultValue);
    }

    private Activation activation(int field) {
        return Activation.of(getByte(field), toString());
    }
}
