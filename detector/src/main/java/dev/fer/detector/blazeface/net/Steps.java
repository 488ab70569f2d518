package dev.fer.detector.blazeface.net;

/** The steps a BlazeFace graph compiles to. Shapes are NHWC with batch 1, fixed at compile time. */
final class Steps {
    private Steps() {
    }

    /** SAME/VALID convolution, 1x1 stride-1 ones on the dedicated pointwise kernel. */
    record Conv(int in, int out, int inH, int inW, int cin, int outH, int outW, int cout, int kh, int kw, int stride,
                int padTop, int padLeft, float[] weights, float[] bias, boolean relu) implements Step {
        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            if (kh == 1 && kw == 1 && stride == 1 && inH == outH && inW == outW) {
                k.pointwise(t[in], inH * inW, cin, weights, bias, cout, t[out], relu);
            } else {
                k.conv(t[in], inH, inW, cin, weights, bias, cout, kh, kw, stride, padTop, padLeft, t[out], outH, outW,
                        relu);
            }
        }
    }

    record Depthwise(int in, int out, int inH, int inW, int c, int outH, int outW, int kh, int kw, int stride,
                     int padTop, int padLeft, float[] weights, float[] bias, boolean relu) implements Step {
        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            k.depthwise(t[in], inH, inW, c, weights, bias, kh, kw, stride, padTop, padLeft, t[out], outH, outW, relu);
        }
    }

    record MaxPool(int in, int out, int inH, int inW, int c, int outH, int outW, int kh, int kw, int stride,
                   int padTop, int padLeft) implements Step {
        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            k.maxPool(t[in], inH, inW, c, kh, kw, stride, padTop, padLeft, t[out], outH, outW);
        }
    }

    record Add(int a, int b, int out, int n, boolean relu) implements Step {
        public int[] reads() {
            return new int[] {a, b};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            k.add(t[a], t[b], t[out], n, relu);
        }
    }

    record Relu(int in, int out, int n) implements Step {
        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            k.relu(t[in], t[out], n);
        }
    }

    record PadChannels(int in, int out, int pixels, int cin, int before, int cout) implements Step {
        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            k.padChannels(t[in], pixels, cin, before, cout, t[out]);
        }
    }

    /**
     * Concatenation along one axis: {@code outer} repetitions of each input's contiguous chunk
     * ({@code chunks[i]} floats of input {@code i}).
     */
    record Concat(int[] ins, int out, int outer, int[] chunks) implements Step {
        public int[] reads() {
            return ins.clone();
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            float[] dst = t[out];
            int d = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < ins.length; i++) {
                    System.arraycopy(t[ins[i]], o * chunks[i], dst, d, chunks[i]);
                    d += chunks[i];
                }
            }
        }
    }

    /**
     * Bilinear resize as TFLite's reference kernel computes it (align_corners, half_pixel_centers),
     * with the source rows, columns and weights worked out once at compile time. Only the
     * full-range model's feature pyramid uses it, on small maps, so it stays scalar.
     */
    record ResizeBilinear(int in, int out, int inW, int c, int outH, int outW, int[] y0, int[] y1, float[] fy,
                          int[] x0, int[] x1, float[] fx) implements Step {

        static ResizeBilinear of(int in, int out, int inH, int inW, int c, int outH, int outW, boolean alignCorners,
                                 boolean halfPixel) {
            int[] y0 = new int[outH];
            int[] y1 = new int[outH];
            float[] fy = new float[outH];
            int[] x0 = new int[outW];
            int[] x1 = new int[outW];
            float[] fx = new float[outW];
            interpolation(inH, outH, alignCorners, halfPixel, y0, y1, fy);
            interpolation(inW, outW, alignCorners, halfPixel, x0, x1, fx);
            return new ResizeBilinear(in, out, inW, c, outH, outW, y0, y1, fy, x0, x1, fx);
        }

        private static void interpolation(int inSize, int outSize, boolean alignCorners, boolean halfPixel,
                                          int[] lo, int[] hi, float[] frac) {
            float scale = alignCorners && outSize > 1 ? (inSize - 1) / (float) (outSize - 1) : inSize / (float) outSize;
            for (int i = 0; i < outSize; i++) {
                float v = halfPixel ? (i + 0.5f) * scale - 0.5f : i * scale;
                lo[i] = Math.max((int) Math.floor(v), 0);
                hi[i] = Math.min((int) Math.ceil(v), inSize - 1);
                frac[i] = v - lo[i];
            }
        }

        public int[] reads() {
            return new int[] {in};
        }

        public int writes() {
            return out;
        }

        public void run(Kernels k, float[][] t) {
            float[] src = t[in];
            float[] dst = t[out];
            for (int y = 0; y < outH; y++) {
                float wy = fy[y];
                int r0 = y0[y] * inW;
                int r1 = y1[y] * inW;
                for (int x = 0; x < outW; x++) {
                    float wx = fx[x];
                    int p00 = (r0 + x0[x]) * c;
                    int p01 = (r0 + x1[x]) * c;
                    int p10 = (r1 + x0[x]) * c;
                    int p11 = (r1 + x1[x]) * c;
                    int d = (y * outW + x) * c;
                    for (int ch = 0; ch < c; ch++) {
                        dst[d + ch] = src[p00 + ch] * (1 - wy) * (1 - wx) + src[p10 + ch] * wy * (1 - wx)
                                + src[p01 + ch] * (1 - wy) * wx + src[p11 + ch] * wy * wx;
                    }
                }
            }
        }
    }
}
