package dev.fer.detector.blazeface.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes small FlatBuffers for tests, independently of the reader: tables whose fields are
 * scalars (each in a 4-byte slot) or references to strings, vectors and tables, laid out front to
 * back so every reference points forward as the format requires.
 */
final class FlatBufferWriter {
    /** A table; field {@code i} is null (absent), a Byte, Integer or Float, or a reference. */
    record Table(Object... fields) {
    }

    record IntVector(int... values) {
    }

    record ByteVector(byte[] values) {
    }

    record TableVector(Table... tables) {
    }

    private final ByteBuffer out = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    /** A whole file: root offset, the file identifier, then the root table. */
    static ByteBuffer file(String identifier, Table root) {
        FlatBufferWriter w = new FlatBufferWriter();
        w.out.putInt(0);
        w.out.put(identifier.getBytes(StandardCharsets.US_ASCII));
        int rootPos = w.table(root);
        w.out.putInt(0, rootPos);
        return ByteBuffer.wrap(java.util.Arrays.copyOf(w.out.array(), w.out.position()));
    }

    private void align() {
        while (out.position() % 4 != 0) {
            out.put((byte) 0);
        }
    }

    private int table(Table t) {
        align();
        Object[] f = t.fields();
        int vtable = out.position();
        int present = 0;
        for (Object o : f) {
            present += o == null ? 0 : 1;
        }
        out.putShort((short) (4 + 2 * f.length));
        out.putShort((short) (4 + 4 * present));
        int slot = 4;
        for (Object o : f) {
            out.putShort((short) (o == null ? 0 : slot));
            slot += o == null ? 0 : 4;
        }
        align();
        int table = out.position();
        out.putInt(table - vtable);
        int[] fieldPos = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            fieldPos[i] = out.position();
            switch (f[i]) {
                case null -> fieldPos[i] = -1;
                case Byte b -> out.putInt(b);
                case Integer v -> out.putInt(v);
                case Float v -> out.putFloat(v);
                default -> out.putInt(0); // patched below
            }
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i] != null && !(f[i] instanceof Byte || f[i] instanceof Integer || f[i] instanceof Float)) {
                int child = reference(f[i]);
                out.putInt(fieldPos[i], child - fieldPos[i]);
            }
        }
        return table;
    }

    private int reference(Object o) {
        align();
        int pos = out.position();
        switch (o) {
            case String s -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                out.putInt(b.length).put(b).put((byte) 0);
            }
            case IntVector v -> {
                out.putInt(v.values().length);
                for (int x : v.values()) {
                    out.putInt(x);
                }
            }
            case ByteVector v -> out.putInt(v.values().length).put(v.values());
            case TableVector v -> {
                out.putInt(v.tables().length);
                int slots = out.position();
                for (int i = 0; i < v.tables().length; i++) {
                    out.putInt(0);
                }
                for (int i = 0; i < v.tables().length; i++) {
                    int child = table(v.tables()[i]);
                    out.putInt(slots + 4 * i, child - (slots + 4 * i));
                }
            }
            case Table t -> {
                return table(t);
            }
            default -> throw new IllegalArgumentException("cannot write " + o);
        }
        return pos;
    }
}
