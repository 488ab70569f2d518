package dev.fer.detector;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenCV's {@code cv::groupRectangles}: raw detections that are similar (every edge within
 * {@code eps * (mean of the smaller width and height)} of the other's) are joined into clusters
 * (transitively, as {@code cv::partition}); clusters with more than {@code groupThreshold} members
 * become their average rectangle, unless a clearly stronger cluster contains it. The member count
 * is the box's score.
 */
public final class RectGrouping {
    private RectGrouping() {}

    /**
     * Groups raw detections. With {@code groupThreshold <= 0} every rectangle is returned as it is,
     * with score 1, as OpenCV does.
     */
    public static List<FaceBox> group(RectList rects, int groupThreshold, double eps) {
        int n = rects.size();
        List<FaceBox> out = new ArrayList<>();
        if (groupThreshold <= 0 || n == 0) {
            for (int i = 0; i < n; i++) {
                out.add(new FaceBox(rects.x(i), rects.y(i), rects.width(i), rects.height(i), 1));
            }
            return out;
        }
        int[] labels = new int[n];
        int classes = partition(rects, eps, labels);

        long[] sx = new long[classes];
        long[] sy = new long[classes];
        long[] sw = new long[classes];
        long[] sh = new long[classes];
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            sx[c] += rects.x(i);
            sy[c] += rects.y(i);
            sw[c] += rects.width(i);
            sh[c] += rects.height(i);
            count[c]++;
        }
        int[] ax = new int[classes];
        int[] ay = new int[classes];
        int[] aw = new int[classes];
        int[] ah = new int[classes];
        for (int c = 0; c < classes; c++) {
            // OpenCV sums in int and scales by a float reciprocal, rounding half to even
            float s = 1.f / count[c];
            ax[c] = (int) Math.rint((int) sx[c] * s);
            ay[c] = (int) Math.rint((int) sy[c] * s);
            aw[c] = (int) Math.rint((int) sw[c] * s);
            ah[c] = (int) Math.rint((int) sh[c] * s);
        }
        for (int i = 0; i < classes; i++) {
            int n1 = count[i];
            if (n1 <= groupThreshold) {
                continue;
            }
            boolean inside = false;
            for (int j = 0; j < classes && !inside; j++) {
                int n2 = count[j];
                if (j == i || n2 <= groupThreshold) {
                    continue;
                }
                int dx = (int) Math.rint(aw[j] * eps);
                int dy = (int) Math.rint(ah[j] * eps);
                inside = ax[i] >= ax[j] - dx && ay[i] >= ay[j] - dy
                        && ax[i] + aw[i] <= ax[j] + aw[j] + dx && ay[i] + ah[i] <= ay[j] + ah[j] + dy
                        && (n2 > Math.max(3, n1) || n1 < 3);
            }
            if (!inside) {
                out.add(new FaceBox(ax[i], ay[i], aw[i], ah[i], n1));
            }
        }
        return out;
    }

    /** Connected components of the similarity relation; labels numbered in order of first member. */
    static int partition(RectList r, double eps, int[] labels) {
        int n = r.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (similar(r, i, j, eps)) {
                    int a = root(parent, i);
                    int b = root(parent, j);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        int classes = 0;
        int[] classOfRoot = new int[n];
        java.util.Arrays.fill(classOfRoot, -1);
        for (int i = 0; i < n; i++) {
            int root = root(parent, i);
            if (classOfRoot[root] < 0) {
                classOfRoot[root] = classes++;
            }
            labels[i] = classOfRoot[root];
        }
        return classes;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** OpenCV's {@code SimilarRects} predicate. */
    static boolean similar(RectList r, int i, int j, double eps) {
        double delta = eps * (Math.min(r.width(i), r.width(j)) + Math.min(r.height(i), r.height(j))) * 0.5;
        return Math.abs(r.x(i) - r.x(j)) <= delta
                && Math.abs(r.y(i) - r.y(j)) <= delta
                && Math.abs(r.x(i) + r.width(i) - r.x(j) - r.width(j)) <= delta
                && Math.abs(r.y(i) + r.height(i) - r.y(j) - r.height(j)) <= delta;
    }
}
