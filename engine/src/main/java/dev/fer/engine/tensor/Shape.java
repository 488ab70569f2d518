package dev.fer.engine.tensor;

/**
 * The shape of one sample: channels x height x width. A plain feature vector of n values is
 * {@code Shape.of(n)} = n x 1 x 1.
 *
 * <p>The dimensions are named in the usual (C, H, W) order, but a {@link Tensor} stores them
 * channels-last (NHWC); see {@link Tensor} for why.
 */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x" + width);
        }
    }

    /** An image shape: channels, height, width. */
    public static Shape of(int channels, int height, int width) {
        return new Shape(channels, height, width);
    }

    /** A feature vector of {@code features} values. */
    public static Shape of(int features) {
        return new Shape(features, 1, 1);
    }

    /** Number of floats of one sample. */
    public int size() {
        return channels * height * width;
    }

    /** Parses the {@link #toString()} form "CxHxW". */
    public static Shape parse(String text) {
        String[] p = text.trim().split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a shape CxHxW: '" + text + "'");
        }
        return of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
