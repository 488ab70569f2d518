package dev.fer.detector.blazeface.tflite;

import java.nio.ByteBuffer;

/**
 * One tensor of the model graph.
 *
 * @param index position in the subgraph's tensor list (operators refer to it by this)
 * @param name  the converter's name, useful in error messages
 * @param shape dimensions, NHWC for images
 * @param type  element type
 * @param data  constant contents (weights), little-endian, or null for activations
 */
public record Tensor(int index, String name, int[] shape, TensorType type, ByteBuffer data) {
    public boolean isConstant() {
        return data != null && data.remaining() > 0;
    }

    public int elementCount() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The constant contents as float32, widening float16 (for weights stored at half precision). */
    public float[] floats() {
        if (!isConstant()) {
            throw new TfliteFormatException("tensor '" + name + "' has no constant data");
        }
        int n = elementCount();
        float[] out = new float[n];
        switch (type) {
            case FLOAT32 -> {
                checkSize(n * 4);
                data.asFloatBuffer().get(0, out);
            }
            case FLOAT16 -> {
                checkSize(n * 2);
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(data.getShort(2 * i));
                }
            }
            default -> throw new TfliteFormatException(
                    "tensor '" + name + "' holds " + type + " weights; only FLOAT32 and FLOAT16 are supported");
        }
        return out;
    }

    /** The constant contents as int32 (shapes, paddings, axes). */
    public int[] ints() {
        if (!isConstant() || type != TensorType.INT32) {
            throw new TfliteFormatException("tensor '" + name + "' is not a constant INT32 tensor");
        }
        int n = elementCount();
        checkSize(n * 4);
        int[] out = new int[n];
        data.asIntBuffer().get(0, out);
        return out;
    }

    private void checkSize(int bytes) {
        if (data.remaining() < bytes) {
            throw new TfliteFormatException("tensor '" + name + "' needs " + bytes + " bytes of data, the buffer has "
                    + data.remaining());
        }
    }
}
