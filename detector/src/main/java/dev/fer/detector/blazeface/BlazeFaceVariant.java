package dev.fer.detector.blazeface;

/**
 * The two BlazeFace models of {@code @mediapipe/face_detection} and the options MediaPipe runs
 * them with ({@code face_detection_short_range.pbtxt}, {@code face_detection_full_range.pbtxt} and
 * the shared {@code face_detection.pbtxt}: SSD anchors, TensorsToDetections, weighted NMS).
 */
public enum BlazeFaceVariant {
    /** Faces within about 2 m: 128x128 input, 896 anchors on 16x16 and 8x8 grids. */
    SHORT_RANGE("face_detection_short_range.tflite", 128, new int[] {8, 16, 16, 16}, 1f, 0.5f),
    /** Faces up to about 5 m: 192x192 input, 2304 anchors on one 48x48 grid. */
    FULL_RANGE("face_detection_full_range.tflite", 192, new int[] {4}, 0f, 0.6f);

    /** Coordinates per anchor in the regressor output: box (4) and six keypoints (12). */
    public static final int COORDS = 16;
    public static final int KEYPOINTS = 6;
    /** Raw scores are clipped to +-this before the sigmoid ({@code score_clipping_thresh}). */
    public static final float SCORE_CLIP = 100f;
    /** Overlap above which detections are merged ({@code min_suppression_threshold}). */
    public static final float NMS_IOU = 0.3f;

    private final String fileName;
    private final int inputSize;
    private final int[] strides;
    private final float interpolatedScaleAspectRatio;
    private final float minScore;

    BlazeFaceVariant(String fileName, int inputSize, int[] strides, float interpolatedScaleAspectRatio,
                     float minScore) {
        this.fileName = fileName;
        this.inputSize = inputSize;
        this.strides = strides;
        this.interpolatedScaleAspectRatio = interpolatedScaleAspectRatio;
        this.minScore = minScore;
    }

    /** The model's file name in the npm package and among our resources. */
    public String fileName() {
        return fileName;
    }

    /** Width and height of the square input tensor. */
    public int inputSize() {
        return inputSize;
    }

    /** MediaPipe's {@code min_score_thresh} for this model. */
    public float minScore() {
        return minScore;
    }

    public AnchorOptions anchorOptions() {
        return new AnchorOptions(inputSize, inputSize, 0.1484375f, 0.75f, 0.5f, 0.5f, strides.clone(),
                new float[] {1f}, interpolatedScaleAspectRatio, true);
    }

    /** The variant whose input is {@code size x size}, for a model file given by the user. */
    public static BlazeFaceVariant forInputSize(int size, String source) {
        for (BlazeFaceVariant v : values()) {
            if (v.inputSize == size) {
                return v;
            }
        }
        throw new IllegalArgumentException(source + ": input is " + size + "x" + size
                + "; BlazeFace short range takes 128x128 and full range 192x192");
    }
}
