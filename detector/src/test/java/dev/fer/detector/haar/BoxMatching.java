package dev.fer.detector.haar;

import java.util.ArrayList;
import java.util.List;

/** Greedy one-to-one matching by decreasing IoU, as {@code shared/bench/peers/compare.py} does. */
final class BoxMatching {
    private BoxMatching() {}

    static double iou(int[] a, int[] b) {
        int iw = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
        int ih = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = (double) iw * ih;
        return inter / ((double) a[2] * a[3] + (double) b[2] * b[3] - inter);
    }

    /** IoUs of the kept pairs. */
    static List<Double> greedy(List<int[]> ref, List<int[]> cand) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < ref.size(); i++) {
            for (int j = 0; j < cand.size(); j++) {
                double v = iou(ref.get(i), cand.get(j));
                if (v > 0) {
                    pairs.add(new double[] {v, i, j});
                }
            }
        }
        pairs.sort((p, q) -> p[0] != q[0] ? Double.compare(q[0], p[0]) : p[1] != q[1] ? Double.compare(p[1], q[1])
                : Double.compare(p[2], q[2]));
        boolean[] usedR = new boolean[ref.size()];
        boolean[] usedC = new boolean[cand.size()];
        List<Double> out = new ArrayList<>();
        for (double[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (!usedR[i] && !usedC[j]) {
                usedR[i] = usedC[j] = true;
                out.add(p[0]);
            }
        }
        return out;
    }

    /** Totals over many images: matched at IoU 0.9, matched at 0.5, extra candidates, exact images. */
    static final class Summary {
        private int referenceBoxes;
        private int candidateBoxes;
        private int strict;
        private int loose;
        private int extra;
        private int images;
        private int identicalImages;
        private final List<String> differing = new ArrayList<>();

        void add(String key, List<int[]> ref, List<int[]> cand) {
            List<Double> m = greedy(ref, cand).stream().filter(v -> v >= 0.5).toList();
            int s = (int) m.stream().filter(v -> v >= 0.9).count();
            referenceBoxes += ref.size();
            candidateBoxes += cand.size();
            strict += s;
            loose += m.size();
            extra += cand.size() - m.size();
            images++;
            boolean identical = ref.size() == cand.size() && m.stream().allMatch(v -> v == 1.0) && m.size() == ref.size();
            if (identical) {
                identicalImages++;
            } else {
                differing.add(key);
            }
        }

        int referenceBoxes() {
            return referenceBoxes;
        }

        int strictMatched() {
            return strict;
        }

        int extra() {
            return extra;
        }

        int identicalImages() {
            return identicalImages;
        }

        @Override
        public String toString() {
            return String.format("%d images (%d identical), reference boxes %d, ours %d, matched@0.9 %d (%.2f%%),"
                            + " matched@0.5 %d, extra %d (%.2f%%)%s", images, identicalImages, referenceBoxes,
                    candidateBoxes, strict, 100.0 * strict / Math.max(1, referenceBoxes), loose, extra,
                    100.0 * extra / Math.max(1, referenceBoxes),
                    differing.isEmpty() ? "" : ", differing: " + differing.subList(0, Math.min(10, differing.size())));
        }
    }
}
