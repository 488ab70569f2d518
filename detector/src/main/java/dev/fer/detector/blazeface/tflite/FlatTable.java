package dev.fer.detector.blazeface.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One table of a FlatBuffer, read in place. Only what a TFLite file needs: scalars, strings,
 * scalar vectors and table vectors, each field addressed by its index in the schema.
 *
 * <p>Layout (flatbuffers.dev "internals"): a table starts with a signed 32-bit offset back to its
 * vtable; the vtable holds 16-bit offsets of each field from the table start (0 = field absent,
 * use the schema default). Reference fields hold an unsigned 32-bit offset from the field itself.
 */
final class FlatTable {
    private final ByteBuffer buf;
    private final int pos;
    private final int vtable;
    private final int vtableSize;

    private FlatTable(ByteBuffer buf, int pos) {
        this.buf = buf;
        this.pos = pos;
        this.vtable = pos - buf.getInt(pos);
        this.vtableSize = Short.toUnsignedInt(buf.getShort(vtable));
    }

    /** The root table of a whole FlatBuffer file. */
    static FlatTable root(ByteBuffer file) {
        ByteBuffer le = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new FlatTable(le, le.getInt(0));
    }

    /** Absolute position of a field, or 0 when the field is absent. */
    private int field(int index) {
        int slot = 4 + 2 * index;
        if (slot >= vtableSize) {
            return 0;
        }
        int off = Short.toUnsignedInt(buf.getShort(vtable + slot));
        return off == 0 ? 0 : pos + off;
    }

    boolean has(int index) {
        return field(index) != 0;
    }

    int getByte(int index, int defaultValue) {
        int p = field(index);
        return p == 0 ? defaultValue : buf.get(p);
    }

    int getInt(int index, int defaultValue) {
        int p = field(index);
        return p == 0 ? defaultValue : buf.getInt(p);
    }

    float getFloat(int index, float defaultValue) {
        int p = field(index);
        return p == 0 ? defaultValue : buf.getFloat(p);
    }

    private int deref(int p) {
        return p + buf.getInt(p);
    }

    FlatTable table(int index) {
        int p = field(index);
        return p == 0 ? null : new FlatTable(buf, deref(p));
    }

    String string(int index) {
        int p = field(index);
        if (p == 0) {
            return null;
        }
        int s = deref(p);
        byte[] bytes = new byte[buf.getInt(s)];
        buf.get(s + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Start of a vector's elements, or -1 when absent; its length is at {@code start - 4}. */
    private int vector(int index) {
        int p = field(index);
        return p == 0 ? -1 : deref(p) + 4;
    }

    int vectorLength(int index) {
        int v = vector(index);
        return v < 0 ? 0 : buf.getInt(v - 4);
    }

    int[] ints(int index) {
        int v = vector(index);
        int[] out = new int[v < 0 ? 0 : buf.getInt(v - 4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getInt(v + 4 * i);
        }
        return out;
    }

    /** A {@code [ubyte]} vector as a little-endian view (no copy), or null when absent. */
    ByteBuffer bytes(int index) {
        int v = vector(index);
        if (v < 0) {
            return null;
        }
        return buf.slice(v, buf.getInt(v - 4)).order(ByteOrder.LITTLE_ENDIAN);
    }

    FlatTable tableAt(int index, int element) {
        int v = vector(index);
        return new FlatTable(buf, deref(v + 4 * element));
    }
}
