package dev.fer.engine.kernel;

import org.jtransforms.fft.FloatFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Stride-1 convolution forward by FFT (JTransforms): per image, each input channel plane and
 * each (flipped) kernel plane is transformed once on a P x Q grid large enough that the circular
 * convolution equals the linear one, products are summed over input channels in the frequency
 * domain, and each output channel is transformed back. Cost grows with P*Q*(Cin + Cout) log(PQ)
 * plus Cin*Cout*P*Q complex multiply-adds, independent of the kernel size: it pays off for large
 * kernels and small channel counts, rarely for 3x3 against a good GEMM (the layer times both and
 * keeps the faster, see {@code Conv2D.algorithm}).
 *
 * <p>Kernel spectra are prepared once per weight version; JTransforms allocates inside its
 * transforms, so this path is not allocation-free. Inference only.
 */
public final class FftConvolution {
    static {
        // the engine parallelizes over images itself
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private final int height;
    private final int width;
    private final int cin;
    private final int cout;
    private final int kh;
    private final int kw;
    private final int rowShift;
    private final int colShift;
    private final int outH;
    private final int outW;
    private final int p;
    private final int q;
    private final float[] kernelSpectra;
    private final FloatFFT_2D[] fft;
    private final float[][] inputSpectra;
    private final float[][] accumulators;

    /**
     * Geometry of the convolution: input {@code height x width x cin}, kernel {@code kh x kw},
     * {@code cout} filters, top/left zero padding, output {@code outH x outW}, stride 1;
     * {@code parts} = threads that will call {@link #forwardImage} concurrently.
     */
    public FftConvolution(int height, int width, int cin, int cout, int kh, int kw, int padTop, int padLeft,
                          int outH, int outW, int parts) {
        this.height = height;
        this.width = width;
        this.cin = cin;
        this.cout = cout;
        this.kh = kh;
        this.kw = kw;
        this.outH = outH;
        this.outW = outW;
        this.rowShift = kh - 1 - padTop;
        this.colShift = kw - 1 - padLeft;
        this.p = fftSize(Math.max(height + kh - 1, outH + rowShift));
        this.q = fftSize(Math.max(width + kw - 1, outW + colShift));
        this.kernelSpectra = new float[Math.multiplyExact(cin * cout, 2 * p * q)];
        this.fft = new FloatFFT_2D[parts];
        this.inputSpectra = new float[parts][cin * 2 * p * q];
        this.accumulators = new float[parts][2 * p * q];
        for (int i = 0; i < parts; i++) {
            fft[i] = new FloatFFT_2D(p, q);
        }
    }

    /** Floats of kernel spectra this geometry needs (to decide whether FFT is affordable). */
    public static long spectraFloats(int height, int width, int cin, int cout, int kh, int kw) {
        return (long) cin * cout * 2 * fftSize(height + kh - 1) * fftSize(width + kw - 1);
    }

    /** Smallest size >= n of the form 2^a 3^b (fast radices for JTransforms). */
    static int fftSize(int n) {
        int best = Integer.MAX_VALUE;
        for (long p2 = 1; p2 < 2L * n; p2 *= 2) {
            for (long v = p2; v < 2L * n; v *= 3) {
                if (v >= n && v < best) {
                    best = (int) v;
                }
            }
        }
        return best;
    }

    /** Transforms the HWIO kernel {@code w[ky][kx][cin][cout]} (call when the weights change). */
    public void prepare(float[] w) {
        int plane = 2 * p * q;
        FloatFFT_2D f = fft[0];
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                int base = (ci * cout + co) * plane;
                java.util.Arrays.fill(kernelSpectra, base, base + plane, 0f);
                // flipped kernel at the origin: convolution with it is correlation with w
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        float v = w[((kh - 1 - ky) * kw + (kw - 1 - kx)) * cin * cout + ci * cout + co];
                        kernelSpectra[base + 2 * (ky * q + kx)] = v;
                    }
                }
                transform(f, base);
            }
        }
    }

    private void transform(FloatFFT_2D f, int base) {
        int plane = 2 * p * q;
        float[] tmp = accumulators[0];
        System.arraycopy(kernelSpectra, base, tmp, 0, plane);
        f.complexForward(tmp);
        System.arraycopy(tmp, 0, kernelSpectra, base, plane);
    }

    /** y (NHWC image, outH x outW x cout) = x (NHWC image) correlated with the prepared kernel + bias. */
    public void forwardImage(float[] x, int xOff, float[] bias, float[] y, int yOff, int part) {
        int plane = 2 * p * q;
        float[] xs = inputSpectra[part];
        float[] acc = accumulators[part];
        FloatFFT_2D f = fft[part];
        for (int ci = 0; ci < cin; ci++) {
            int base = ci * plane;
            java.util.Arrays.fill(xs, base, base + plane, 0f);
            for (int iy = 0; iy < height; iy++) {
                for (int ix = 0; ix < width; ix++) {
                    xs[base + 2 * (iy * q + ix)] = x[xOff + (iy * width + ix) * cin + ci];
                }
            }
        }
        for (int ci = 0; ci < cin; ci++) {
            // JTransforms transforms in place; a plane is a contiguous slice, so copy through acc
            System.arraycopy(xs, ci * plane, acc, 0, plane);
            f.complexForward(acc);
            System.arraycopy(acc, 0, xs, ci * plane, plane);
        }
        for (int co = 0; co < cout; co++) {
            java.util.Arrays.fill(acc, 0f);
            for (int ci = 0; ci < cin; ci++) {
                int xb = ci * plane;
                int kb = (ci * cout + co) * plane;
                for (int i = 0; i < plane; i += 2) {
                    float xr = xs[xb + i];
                    float xi = xs[xb + i + 1];
                    float kr = kernelSpectra[kb + i];
                    float ki = kernelSpectra[kb + i + 1];
                    acc[i] += xr * kr - xi * ki;
                    acc[i + 1] += xr * ki + xi * kr;
                }
            }
            f.complexInverse(acc, true);
            float b = bias == null ? 0f : bias[co];
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    y[yOff + (oy * outW + ox) * cout + co] = acc[2 * ((oy + rowShift) * q + ox + colShift)] + b;
                }
            }
        }
    }
}
