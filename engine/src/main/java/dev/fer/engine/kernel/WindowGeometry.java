package dev.fer.engine.kernel;

/**
 * Sliding-window geometry over an NHWC input (pooling and depthwise convolution): window
 * {@code kh x kw}, stride, and the top/left padding of TensorFlow's 'same' or 'valid' rules.
 */
public record WindowGeometry(int height, int width, int channels, int kh, int kw, int stride,
                           int padTop, int padLeft, int outHeight, int outWidth) {

    /** Geometry for 'same' (output = ceil(in / stride)) or 'valid' padding, as TensorFlow/Keras. */
    public static WindowGeometry of(int height, int width, int channels, int kh, int kw, int stride, boolean same) {
        int outH;
        int outW;
        int padTop = 0;
        int padLeft = 0;
        if (same) {
            outH = (height + stride - 1) / stride;
            outW = (width + stride - 1) / stride;
            padTop = Math.max((outH - 1) * stride + kh - height, 0) / 2;
            padLeft = Math.max((outW - 1) * stride + kw - width, 0) / 2;
        } else {
            outH = (height - kh) / stride + 1;
            outW = (width - kw) / stride + 1;
        }
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("window " + kh + "x" + kw + " does not fit input " + height + "x" + width);
        }
        return new WindowGeometry(height, width, channels, kh, kw, stride, padTop, padLeft, outH, outW);
    }

    /** Height of the input once zero-padded so that every window lies inside it. */
    public int paddedHeight() {
        return Math.max((outHeight - 1) * stride + kh, padTop + height);
    }

    public int paddedWidth() {
        return Math.max((outWidth - 1) * stride + kw, padLeft + width);
    }

    public int inputSize() {
        return height * width * channels;
    }

    public int outputSize() {
        return outHeight * outWidth * channels;
    }
}
