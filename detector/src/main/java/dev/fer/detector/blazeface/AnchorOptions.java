package dev.fer.detector.blazeface;

/**
 * MediaPipe's {@code SsdAnchorsCalculatorOptions}, the fields BlazeFace sets.
 *
 * @param inputWidth                   model input width in pixels
 * @param inputHeight                  model input height in pixels
 * @param minScale                     scale of the first layer
 * @param maxScale                     scale of the last layer
 * @param anchorOffsetX                anchor centre within its cell, 0.5 = middle
 * @param anchorOffsetY                likewise vertically
 * @param strides                      feature-map stride per layer; consecutive equal strides share one grid
 * @param aspectRatios                 anchor aspect ratios per layer
 * @param interpolatedScaleAspectRatio aspect ratio of the extra anchor between two scales; 0 = none
 * @param fixedAnchorSize              every anchor is 1x1 (BlazeFace regresses absolute sizes)
 */
public record AnchorOptions(int inputWidth, int inputHeight, float minScale, float maxScale, float anchorOffsetX,
                            float anchorOffsetY, int[] strides, float[] aspectRatios,
                            float interpolatedScaleAspectRatio, boolean fixedAnchorSize) {
}
