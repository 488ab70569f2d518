package dev.fer.detector.blazeface.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first subgraph of a TFLite model file: tensors with their constant buffers, operators in
 * execution order, graph inputs and outputs. A reader of our own for the parts of schema.fbs a
 * float CNN uses (Model, OperatorCode, SubGraph, Tensor, Buffer, Operator), so no FlatBuffers or
 * TensorFlow runtime is needed.
 */
public final class TfliteModel {
    private final String source;
    private final List<Tensor> tensors;
    private final List<Operator> operators;
    private final int[] inputs;
    private final int[] outputs;

    private TfliteModel(String source, List<Tensor> tensors, List<Operator> operators, int[] inputs, int[] outputs) {
        this.source = source;
        this.tensors = tensors;
        this.operators = operators;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static TfliteModel read(Path file) throws IOException {
        return parse(ByteBuffer.wrap(Files.readAllBytes(file)), file.toString());
    }

    /**
     * Parses a whole TFLite file held in memory.
     *
     * @param source names the file in error messages
     * @throws TfliteFormatException naming the source when the bytes are not a usable TFLite model
     */
    public static TfliteModel parse(ByteBuffer bytes, String source) {
        if (bytes.remaining() < 8 || bytes.get(4) != 'T' || bytes.get(5) != 'F' || bytes.get(6) != 'L'
                || bytes.get(7) != '3') {
            throw new TfliteFormatException(source + ": not a TFLite model (no TFL3 file identifier)");
        }
        try {
            return parse(FlatTable.root(bytes), source);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException
                 | java.nio.BufferUnderflowException e) {
            throw new TfliteFormatException(source + ": corrupt or truncated TFLite file (" + e.getMessage() + ")", e);
        }
    }

    private static TfliteModel parse(FlatTable model, String source) {
        // Model: version 0, operator_codes 1, subgraphs 2, description 3, buffers 4
        String[] opNames = new String[model.vectorLength(1)];
        for (int i = 0; i < opNames.length; i++) {
            FlatTable code = model.tableAt(1, i);
            // OperatorCode: deprecated_builtin_code 0 (byte), custom_code 1, version 2, builtin_code 3 (int);
            // newer files fill builtin_code, older ones only the deprecated byte: the larger one is right.
            int builtin = Math.max(code.getByte(0, 0), code.getInt(3, 0));
            opNames[i] = builtin == 32 ? "CUSTOM:" + code.string(1) : BuiltinOperator.name(builtin);
        }
        if (model.vectorLength(2) < 1) {
            throw new TfliteFormatException(source + ": the model has no subgraph");
        }
        FlatTable graph = model.tableAt(2, 0);
        int bufferCount = model.vectorLength(4);

        // SubGraph: tensors 0, inputs 1, outputs 2, operators 3, name 4
        List<Tensor> tensors = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(0); i++) {
            FlatTable t = graph.tableAt(0, i);
            // Tensor: shape 0, type 1, buffer 2, name 3, quantization 4
            String name = t.string(3);
            int bufferIndex = t.getInt(2, 0);
            if (bufferIndex < 0 || bufferIndex >= Math.max(bufferCount, 1)) {
                throw new TfliteFormatException(source + ": tensor '" + name + "' refers to buffer " + bufferIndex
                        + " of " + bufferCount);
            }
            // Buffer: data 0; buffer 0 is the empty sentinel. Data stored outside the FlatBuffer
            // (offset/size fields, for files over 2 GB) is not supported: BlazeFace is far smaller.
            ByteBuffer data = bufferCount == 0 ? null : model.tableAt(4, bufferIndex).bytes(0);
            if (data == null && bufferCount > 0 && model.tableAt(4, bufferIndex).has(1)) {
                throw new TfliteFormatException(source + ": tensor '" + name
                        + "' keeps its data outside the FlatBuffer, which this reader does not support");
            }
            tensors.add(new Tensor(i, name, t.ints(0), TensorType.of(t.getByte(1, 0), source + ": tensor '" + name + "'"),
                    data));
        }

        List<Operator> operators = new ArrayList<>();
        for (int i = 0; i < graph.vectorLength(3); i++) {
            FlatTable op = graph.tableAt(3, i);
            // Operator: opcode_index 0, inputs 1, outputs 2, builtin_options_type 3, builtin_options 4
            int opcode = op.getInt(0, 0);
            if (opcode < 0 || opcode >= opNames.length) {
                throw new TfliteFormatException(source + ": operator " + i + " has opcode index " + opcode + " of "
                        + opNames.length);
            }
            int[] in = op.ints(1);
            int[] out = op.ints(2);
            checkTensorRefs(in, tensors.size(), source, i);
            checkTensorRefs(out, tensors.size(), source, i);
            operators.add(new Operator(i, opNames[opcode], in, out, op.table(4)));
        }
        int[] inputs = graph.ints(1);
        int[] outputs = graph.ints(2);
        checkTensorRefs(inputs, tensors.size(), source, -1);
        checkTensorRefs(outputs, tensors.size(), source, -1);
        return new TfliteModel(source, Collections.unmodifiableList(tensors), Collections.unmodifiableList(operators),
                inputs, outputs);
    }

    private static void checkTensorRefs(int[] refs, int tensorCount, String source, int op) {
        for (int r : refs) {
            if (r < -1 || r >= tensorCount) {
                throw new TfliteFormatException(source + ": " + (op < 0 ? "the graph" : "operator " + op)
                        + " refers to tensor " + r + " of " + tensorCount);
            }
        }
    }

    /** The file or resource the model came from. */
    public String source() {
        return source;
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public List<Operator> operators() {
        return operators;
    }

    public int[] inputs() {
        return inputs.clone();
    }

    public int[] outputs() {
        return outputs.clone();
    }
}
