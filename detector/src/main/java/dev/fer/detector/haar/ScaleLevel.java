package dev.fer.detector.haar;

/**
 * One level of OpenCV's image pyramid ({@code FeatureEvaluator::ScaleData}): the image is shrunk by
 * {@code factor} to {@code width x height} and the cascade window slides over it in steps of
 * {@code step} pixels.
 *
 * @param factor     the scale as the float OpenCV keeps
 * @param width      shrunk image width, {@code cvRound(imageWidth / factor)} in float
 * @param height     shrunk image height
 * @param step       window step: 2 while the factor is below 2, else 1
 * @param xPositions window positions per row: x runs over {@code [0, xPositions)}
 * @param yPositions window rows: y runs over {@code [0, yPositions)}
 * @param boxWidth   detected box width in the original image, {@code cvRound(windowWidth * factor)}
 * @param boxHeight  detected box height in the original image
 */
record ScaleLevel(float factor, int width, int height, int step, int xPositions, int yPositions,
                  int boxWidth, int boxHeight) {

    static ScaleLevel of(float factor, int imageWidth, int imageHeight, int windowWidth, int windowHeight) {
        int w = roundHalfEven((float) imageWidth / factor);
        int h = roundHalfEven((float) imageHeight / factor);
        return new ScaleLevel(factor, w, h, factor >= 2 ? 1 : 2,
                Math.max(w + 1 - windowWidth, 0), Math.max(h + 1 - windowHeight, 0),
                roundHalfEven(windowWidth * factor), roundHalfEven(windowHeight * factor));
    }

    /** A window position of this level in the original image, as OpenCV rounds it. */
    int originalX(int x) {
        return roundHalfEven(x * factor);
    }

    /** OpenCV's {@code cvRound}: round half to even (the SSE conversion OpenCV uses on x86). */
    static int roundHalfEven(double v) {
        return (int) Math.rint(v);
    }
}
