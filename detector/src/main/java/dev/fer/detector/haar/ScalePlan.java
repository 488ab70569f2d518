package dev.fer.detector.haar;

import java.util.ArrayList;
import java.util.List;

/**
 * The scales {@code CascadeClassifierImpl::detectMultiScaleNoGrouping} searches: every factor
 * {@code scaleFactor^k} (accumulated in double, kept as float) whose window fits the image, then
 * those whose window lies within {@code [minSize, maxSize]}; when none does (minSize == maxSize off
 * the grid), the one closest to minSize.
 */
final class ScalePlan {
    private ScalePlan() {}

    static List<ScaleLevel> levels(int imageWidth, int imageHeight, int windowWidth, int windowHeight,
                                   double scaleFactor, int minWidth, int minHeight, int maxWidth, int maxHeight) {
        List<ScaleLevel> out = new ArrayList<>();
        if (imageWidth < windowWidth || imageHeight < windowHeight) {
            return out;
        }
        if (maxWidth <= 0 || maxHeight <= 0) {
            maxWidth = imageWidth;
            maxHeight = imageHeight;
        }
        List<Float> all = new ArrayList<>();
        for (double factor = 1; ; factor *= scaleFactor) {
            int w = ScaleLevel.roundHalfEven(windowWidth * factor);
            int h = ScaleLevel.roundHalfEven(windowHeight * factor);
            if (w > imageWidth || h > imageHeight) {
                break;
            }
            all.add((float) factor);
        }
        List<Float> chosen = new ArrayList<>();
        for (float f : all) {
            int w = ScaleLevel.roundHalfEven(windowWidth * f);
            int h = ScaleLevel.roundHalfEven(windowHeight * f);
            if (w > maxWidth || h > maxHeight) {
                break;
            }
            if (w < minWidth || h < minHeight) {
                continue;
            }
            chosen.add(f);
        }
        if (chosen.isEmpty() && !all.isEmpty()) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int i = 0; i < all.size(); i++) {
                int dw = minWidth - ScaleLevel.roundHalfEven(windowWidth * all.get(i));
                int dh = minHeight - ScaleLevel.roundHalfEven(windowHeight * all.get(i));
                double d = dw * dw + dh * dh;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                }
            }
            chosen.add(all.get(best));
        }
        for (float f : chosen) {
            out.add(ScaleLevel.of(f, imageWidth, imageHeight, windowWidth, windowHeight));
        }
        return out;
    }
}
