package dev.fer.engine.kernel;

import dev.fer.engine.launch.VectorApiRelauncher;

/**
 * Kernels of the graph operations that join layers in hand-built (non-sequential) networks such
 * as BlazeFace: the residual sum and channel zero-padding. Like {@link Kernels}: a scalar
 * implementation that is the test oracle and fallback, and a Vector API one.
 */
public interface GraphKernels {

    /** {@code out[i] = a[i] + b[i]} for i in [from, to), then {@code max(0, .)} when {@code relu}. */
    void add(float[] a, float[] b, float[] out, int from, int to, boolean relu);

    /**
     * One pixel of a bilinear resize over {@code channels} channels: {@code y[d + c] = x[i00 + c] * w00
     * + x[i10 + c] * w10 + x[i01 + c] * w01 + x[i11 + c] * w11}, products and sums in that order.
     */
    void bilinearPixel(float[] x, int i00, int i10, int i01, int i11, float w00, float w10, float w01, float w11,
                       float[] y, int d, int channels);

    /**
     * The residual sum with a narrower shortcut: for rows [from, to), {@code out = a + b} where a
     * row of {@code a} and {@code out} has {@code channels} floats and a row of {@code b} has
     * {@code bChannels}, placed at channel {@code before} (zeros elsewhere), then {@code max(0, .)}
     * when {@code relu}. The same as {@link #padChannels} then {@link #add}, without the padded copy.
     */
    void addPadded(float[] a, float[] b, float[] out, int from, int to, int channels, int bChannels, int before,
                   boolean relu);

    /**
     * For rows [from, to) of {@code cin} floats: {@code before} zeros, the row, zeros up to
     * {@code cout}. Rows are pixels of an NHWC tensor, so this pads the channel axis.
     */
    void padChannels(float[] in, int from, int to, int cin, int before, int cout, float[] out);

    static GraphKernels scalar() {
        return Holder.SCALAR;
    }

    static GraphKernels best() {
        return Holder.BEST;
    }

    /** The twin of the given layer kernels: scalar with {@link Kernels#scalar()}, else the best. */
    static GraphKernels matching(Kernels kernels) {
        return kernels == Kernels.scalar() ? scalar() : best();
    }

    /** Loads the vector kernels reflectively so no Vector class is touched without the module. */
    final class Holder {
        static final GraphKernels SCALAR = new ScalarGraphKernels();
        static final GraphKernels BEST = load();

        private Holder() {}

        private static GraphKernels load() {
            if (!VectorApiRelauncher.vectorApiLoaded() || Boolean.getBoolean("fer.scalar")) {
                return SCALAR;
            }
            try {
                return (GraphKernels) Class.forName("dev.fer.engine.kernel.VectorGraphKernels")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return SCALAR;
            }
        }
    }
}
