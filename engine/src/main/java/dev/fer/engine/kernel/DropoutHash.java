package dev.fer.engine.kernel;

/**
 * The counter-based hash behind dropout masks: element i of a call with seed s keeps or drops by
 * {@code hash(i, key0(s), key1(s))} alone, so masks are reproducible, independent of how the
 * elements are split over threads, and cheap to compute 16 at a time with 32-bit vector lanes (a
 * 64-bit hash per element made dropout cost as much as a convolution's bias pass). Two rounds of
 * Wellons' lowbias32 finalizer (a strong 32-bit mix), the second keyed by the seed's other half.
 */
public final class DropoutHash {
    static final int GOLDEN = 0x9E3779B9;
    static final int M1 = 0x7FEB352D;
    static final int M2 = 0x846CA68B;

    private DropoutHash() {}

    static int key0(long seed) {
        return (int) seed;
    }

    static int key1(long seed) {
        return (int) (seed >>> 32);
    }

    /** 32 well-mixed bits for element i. */
    public static int hash(int i, int key0, int key1) {
        return lowbias32(lowbias32(i * GOLDEN + key0) ^ key1);
    }

    private static int lowbias32(int h) {
        h ^= h >>> 16;
        h *= M1;
        h ^= h >>> 15;
        h *= M2;
        h ^= h >>> 16;
        return h;
    }
}
