package dev.fer.detector.blazeface;

/**
 * Adds a row of unsigned bytes to int sums, {@code sums[i] += src[off + i] & 0xFF}: the letterbox's
 * one pass over every byte of the frame (921,600 of them for 640x480). The JIT does not vectorize
 * the byte-to-int widening, so where the Vector API is present {@link VectorColumnSums} does;
 * {@link #addScalar} is its twin and the fallback.
 */
final class ColumnSums {
    /** Whether the Vector API is there (checked without touching a Vector class). */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private ColumnSums() {}

    /** {@code sums[i] += src[off + i] & 0xFF} for i in [from, to), on the Vector API when {@code vector}. */
    static void add(byte[] src, int off, int[] sums, int from, int to, boolean vector) {
        int done = vector ? VectorColumnSums.add(src, off, sums, from, to) : from;
        addScalar(src, off, sums, done, to);
    }

    static void addScalar(byte[] src, int off, int[] sums, int from, int to) {
        for (int i = from; i < to; i++) {
            sums[i] += src[off + i] & 0xFF;
        }
    }
}
