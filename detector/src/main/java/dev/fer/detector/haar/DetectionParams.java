package dev.fer.detector.haar;

/**
 * The parameters of OpenCV's {@code detectMultiScale}.
 *
 * @param scaleFactor  pyramid step, above 1 (OpenCV's default 1.1)
 * @param minNeighbors raw detections a face needs beyond the first to be kept; 0 keeps every raw one
 * @param minSize      smallest face, in pixels (square); 0 for no limit
 * @param maxSize      largest face, in pixels (square); 0 for no limit
 */
public record DetectionParams(double scaleFactor, int minNeighbors, int minSize, int maxSize) {
    /** OpenCV's grouping tolerance in {@code detectMultiScale} ({@code GROUP_EPS}). */
    public static final double GROUP_EPS = 0.2;

    /** The parameters of the reference detections: 1.1, 5, 30. */
    public static final DetectionParams DEFAULT = new DetectionParams(1.1, 5, 30, 0);

    public DetectionParams {
        if (!(scaleFactor > 1) || Double.isInfinite(scaleFactor)) {
            throw new IllegalArgumentException("scaleFactor must be a number above 1, got " + scaleFactor);
        }
        if (minNeighbors < 0) {
            throw new IllegalArgumentException("minNeighbors must be >= 0, got " + minNeighbors);
        }
        if (minSize < 0 || maxSize < 0) {
            throw new IllegalArgumentException("minSize and maxSize must be >= 0, got " + minSize + " and " + maxSize);
        }
    }
}
