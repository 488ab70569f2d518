package dev.fer.detector.blazeface.tflite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.detector.blazeface.net.Network;
import dev.fer.detector.blazeface.tflite.FlatBufferWriter.ByteVector;
import dev.fer.detector.blazeface.tflite.FlatBufferWriter.IntVector;
import dev.fer.detector.blazeface.tflite.FlatBufferWriter.Table;
import dev.fer.detector.blazeface.tflite.FlatBufferWriter.TableVector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The reader on small models written by {@link FlatBufferWriter}, run through {@link Network}. */
class TfliteModelTest {
    private static final int DEQUANTIZE = 6;
    private static final int CONV_2D = 3;
    private static final int RELU = 19;
    private static final int SOFTMAX = 25;

    /**
     * input [1,2,2,2] -> CONV_2D 1x1 (3 filters, float16 weights through DEQUANTIZE, VALID) -> RELU.
     * Filter o holds weights (o+1, -(o+1)) on the two input channels; bias (0.5, 0, -0.5).
     */
    private static ByteBuffer convModel(int middleOp) {
        byte[] weights = new byte[6 * 2];
        ByteBuffer wb = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
        for (int o = 0; o < 3; o++) {
            wb.putShort(Float.floatToFloat16(o + 1f)).putShort(Float.floatToFloat16(-(o + 1f)));
        }
        byte[] bias = new byte[12];
        ByteBuffer.wrap(bias).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(0f).putFloat(-0.5f);
        Table[] tensors = {
            tensor(new int[] {1, 2, 2, 2}, 0, 0, "input"),
            tensor(new int[] {3, 1, 1, 2}, 1, 1, "weights_f16"),
            tensor(new int[] {3, 1, 1, 2}, 0, 0, "weights"),
            tensor(new int[] {3}, 0, 2, "bias"),
            tensor(new int[] {1, 2, 2, 3}, 0, 0, "conv"),
            tensor(new int[] {1, 2, 2, 3}, 0, 0, "relu"),
        };
        // Conv2DOptions: padding 0 (VALID = 1), stride_w 1, stride_h 2, fused_activation_function 3
        Table convOptions = new Table((byte) 1, 1, 1, (byte) 0);
        Table[] ops = {
            new Table(0, new IntVector(1), new IntVector(2), null, null),
            new Table(1, new IntVector(0, 2, 3), new IntVector(4), (byte) 1, convOptions),
            new Table(2, new IntVector(4), new IntVector(5), null, null),
        };
        Table subgraph = new Table(new TableVector(tensors), new IntVector(0), new IntVector(5), new TableVector(ops),
                "main");
        Table[] codes = {opcode(DEQUANTIZE), opcode(middleOp), opcode(RELU)};
        Table[] buffers = {new Table(), new Table(new ByteVector(weights)), new Table(new ByteVector(bias))};
        return FlatBufferWriter.file("TFL3",
                new Table(3, new TableVector(codes), new TableVector(subgraph), "test", new TableVector(buffers)));
    }

    private static Table tensor(int[] shape, int type, int buffer, String name) {
        return new Table(new IntVector(shape), (byte) type, buffer, name);
    }

    /** OperatorCode with the deprecated byte capped at 127 as converters write it, and the real code. */
    private static Table opcode(int builtin) {
        return new Table((byte) Math.min(builtin, 127), null, 1, builtin);
    }

    @Test
    void readsTensorsOperatorsAndOptions() {
        TfliteModel m = TfliteModel.parse(convModel(CONV_2D), "tiny.tflite");
        assertEquals(6, m.tensors().size());
        assertArrayEquals(new int[] {0}, m.inputs());
        assertArrayEquals(new int[] {5}, m.outputs());
        assertEquals("weights_f16", m.tensor(1).name());
        assertEquals(TensorType.FLOAT16, m.tensor(1).type());
        assertArrayEquals(new float[] {1, -1, 2, -2, 3, -3}, m.tensor(1).floats());
        assertArrayEquals(new float[] {0.5f, 0, -0.5f}, m.tensor(3).floats());
        assertEquals("CONV_2D", m.operators().get(1).kind());
        Operator.Conv c = m.operators().get(1).conv();
        assertEquals(false, c.samePadding());
        assertEquals(1, c.strideW());
        assertEquals(Activation.NONE, c.activation());
    }

    @Test
    void runsTheTinyNetwork() {
        Network net = Network.compile(TfliteModel.parse(convModel(CONV_2D), "tiny.tflite"));
        // pixels (a, b): (1, 0), (0, 1), (2, 1), (-1, -1)
        System.arraycopy(new float[] {1, 0, 0, 1, 2, 1, -1, -1}, 0, net.input(), 0, 8);
        net.run();
        // filter o: (o+1)(a - b) + bias, then ReLU
        float[] expect = {
            1.5f, 2, 2.5f,
            0, 0, 0,
            1.5f, 2, 2.5f,
            0.5f, 0, 0,
        };
        assertArrayEquals(expect, net.output(0), 1e-6f);
    }

    @Test
    void unknownOperatorIsNamed() {
        TfliteModel m = TfliteModel.parse(convModel(SOFTMAX), "tiny.tflite");
        TfliteFormatException e = assertThrows(TfliteFormatException.class, () -> Network.compile(m));
        assertTrue(e.getMessage().contains("SOFTMAX") && e.getMessage().contains("tiny.tflite"), e.getMessage());
        TfliteModel odd = TfliteModel.parse(convModel(250), "odd.tflite");
        e = assertThrows(TfliteFormatException.class, () -> Network.compile(odd));
        assertTrue(e.getMessage().contains("BUILTIN_250"), e.getMessage());
    }

    @Test
    void corruptFilesAreRejectedWithTheirName() {
        ByteBuffer notTflite = ByteBuffer.wrap("PK\u0003\u0004 this is a zip".getBytes());
        TfliteFormatException e = assertThrows(TfliteFormatException.class,
                () -> TfliteModel.parse(notTflite, "model.zip"));
        assertTrue(e.getMessage().startsWith("model.zip: not a TFLite model"), e.getMessage());

        ByteBuffer whole = convModel(CONV_2D);
        byte[] truncated = java.util.Arrays.copyOf(whole.array(), 200);
        e = assertThrows(TfliteFormatException.class,
                () -> TfliteModel.parse(ByteBuffer.wrap(truncated), "cut.tflite"));
        assertTrue(e.getMessage().startsWith("cut.tflite: "), e.getMessage());
    }
}
