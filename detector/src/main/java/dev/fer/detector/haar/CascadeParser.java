package dev.fer.detector.haar;

import dev.fer.detector.haar.Cascade.FeatureType;
import dev.fer.detector.haar.Cascade.HaarFeature;
import dev.fer.detector.haar.Cascade.LbpFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads OpenCV cascade XML into a {@link Cascade}, following {@code CascadeClassifierImpl::Data::read}
 * for the current format and {@code haar_cvt::convert} for the old {@code opencv-haar-classifier}
 * format (which OpenCV converts to the current one on load). Numbers are narrowed exactly where
 * OpenCV narrows them, so thresholds and leaves are the same floats.
 */
final class CascadeParser {
    /** OpenCV subtracts this from every stage threshold ({@code THRESHOLD_EPS}). */
    private static final float THRESHOLD_EPS = 1e-5f;

    private final String source;
    private final List<Float> stageThresholds = new ArrayList<>();
    private final List<Integer> stageTreeCounts = new ArrayList<>();
    private final List<Integer> treeNodeCounts = new ArrayList<>();
    private final IntList nodeFeature = new IntList();
    private final List<Float> nodeThreshold = new ArrayList<>();
    private final IntList nodeLeft = new IntList();
    private final IntList nodeRight = new IntList();
    private final IntList nodeSubsets = new IntList();
    private final List<Float> leaves = new ArrayList<>();
    private final List<XmlNode> nodeOrigins = new ArrayList<>();

    private CascadeParser(String source) {
        this.source = source;
    }

    static Cascade parse(InputStream in, String source) throws IOException {
        XmlNode storage = XmlNode.parse(in, source);
        if (storage.children.isEmpty()) {
            throw storage.error("<" + storage.name + "> holds no cascade");
        }
        XmlNode root = storage.children.getFirst();
        CascadeParser p = new CascadeParser(source);
        if (root.find("stageType") != null) {
            return p.readCurrent(root);
        }
        if (root.find("size") != null && root.find("stages") != null) {
            return p.readOld(root);
        }
        throw root.error("<" + root.name + "> is neither a cascade (no <stageType>) nor an old-format"
                + " haar classifier (no <size> and <stages>)");
    }

    // ---------------------------------------------------------------- current format

    private Cascade readCurrent(XmlNode root) {
        XmlNode stageType = root.child("stageType");
        if (!stageType.text().equals("BOOST")) {
            throw stageType.error("stageType '" + stageType.text() + "' is not supported (only BOOST)");
        }
        XmlNode ft = root.child("featureType");
        FeatureType featureType = switch (ft.text()) {
            case "HAAR" -> FeatureType.HAAR;
            case "LBP" -> FeatureType.LBP;
            default -> throw ft.error("featureType '" + ft.text() + "' is not supported (HAAR and LBP are)");
        };
        int width = root.child("width").intValue();
        int height = root.child("height").intValue();
        if (width <= 0 || height <= 0) {
            throw root.child("width").error("window size " + width + "x" + height + " is not positive");
        }
        int categories = root.child("featureParams").child("maxCatCount").intValue();
        if (featureType == FeatureType.LBP && categories != 256) {
            throw root.child("featureParams").error("an LBP cascade needs maxCatCount 256, found " + categories);
        }
        if (featureType == FeatureType.HAAR && categories != 0) {
            throw root.child("featureParams").error("a HAAR cascade needs maxCatCount 0, found " + categories);
        }
        int subsetSize = (categories + 31) / 32;
        int nodeStep = 3 + (categories > 0 ? subsetSize : 1);

        XmlNode stages = root.child("stages");
        if (stages.items().isEmpty()) {
            throw stages.error("<stages> is empty");
        }
        for (XmlNode stage : stages.items()) {
            XmlNode thr = stage.child("stageThreshold");
            stageThresholds.add((float) thr.doubleValue() - THRESHOLD_EPS);
            XmlNode weaks = stage.child("weakClassifiers");
            if (weaks.items().isEmpty()) {
                throw weaks.error("<weakClassifiers> is empty");
            }
            stageTreeCounts.add(weaks.items().size());
            for (XmlNode weak : weaks.items()) {
                XmlNode internal = weak.child("internalNodes");
                XmlNode leafNode = weak.child("leafValues");
                String[] t = internal.tokens();
                if (t.length == 0 || t.length % nodeStep != 0) {
                    throw internal.error("<internalNodes> holds " + t.length + " values, not a multiple of "
                            + nodeStep + " (left, right, feature, " + (categories > 0 ? subsetSize + " subset words" : "threshold") + ")");
                }
                int nodes = t.length / nodeStep;
                treeNodeCounts.add(nodes);
                for (int i = 0; i < t.length; ) {
                    nodeLeft.add(internal.parseInt(t[i++]));
                    nodeRight.add(internal.parseInt(t[i++]));
                    nodeFeature.add(internal.parseInt(t[i++]));
                    if (categories > 0) {
                        for (int j = 0; j < subsetSize; j++) {
                            nodeSubsets.add(internal.parseInt(t[i++]));
                        }
                        nodeThreshold.add(0f);
                    } else {
                        nodeThreshold.add((float) internal.parseDouble(t[i++]));
                    }
                    nodeOrigins.add(internal);
                }
                String[] lv = leafNode.tokens();
                if (lv.length != nodes + 1) {
                    throw leafNode.error("<leafValues> holds " + lv.length + " values, a tree of " + nodes
                            + " nodes needs " + (nodes + 1));
                }
                for (String v : lv) {
                    leaves.add((float) leafNode.parseDouble(v));
                }
            }
        }

        XmlNode features = root.child("features");
        HaarFeature[] haar = null;
        LbpFeature[] lbp = null;
        if (featureType == FeatureType.HAAR) {
            haar = new HaarFeature[features.items().size()];
            for (int i = 0; i < haar.length; i++) {
                XmlNode f = features.items().get(i);
                XmlNode tilted = f.find("tilted");
                haar[i] = haarFeature(f.child("rects"), tilted != null && tilted.intValue() != 0, width, height);
            }
        } else {
            lbp = new LbpFeature[features.items().size()];
            for (int i = 0; i < lbp.length; i++) {
                XmlNode rect = features.items().get(i).child("rect");
                String[] t = rect.tokens();
                if (t.length != 4) {
                    throw rect.error("<rect> needs 4 values (x y w h), found " + t.length);
                }
                LbpFeature lf = new LbpFeature(rect.parseInt(t[0]), rect.parseInt(t[1]), rect.parseInt(t[2]), rect.parseInt(t[3]));
                if (lf.x() < 0 || lf.y() < 0 || lf.w() <= 0 || lf.h() <= 0
                        || lf.x() + 3 * lf.w() > width || lf.y() + 3 * lf.h() > height) {
                    throw rect.error("LBP feature " + lf + " does not fit the " + width + "x" + height + " window");
                }
                lbp[i] = lf;
            }
        }
        return build(featureType, width, height, categories, haar, lbp, features);
    }

    private HaarFeature haarFeature(XmlNode rects, boolean tilted, int width, int height) {
        int n = rects.items().size();
        if (n < 2 || n > HaarFeature.MAX_RECTS) {
            throw rects.error("a Haar feature needs 2 or 3 rectangles, found " + n);
        }
        int[] x = new int[3];
        int[] y = new int[3];
        int[] w = new int[3];
        int[] h = new int[3];
        float[] weight = new float[3];
        for (int k = 0; k < n; k++) {
            XmlNode r = rects.items().get(k);
            String[] t = r.tokens();
            if (t.length != 5) {
                throw r.error("a feature rectangle needs 5 values (x y w h weight), found " + t.length);
            }
            x[k] = r.parseInt(t[0]);
            y[k] = r.parseInt(t[1]);
            w[k] = r.parseInt(t[2]);
            h[k] = r.parseInt(t[3]);
            weight[k] = (float) r.parseDouble(t[4]);
            boolean inside = tilted
                    ? x[k] - h[k] >= 0 && x[k] + w[k] <= width && y[k] >= 0 && y[k] + w[k] + h[k] <= height
                    : x[k] >= 0 && y[k] >= 0 && x[k] + w[k] <= width && y[k] + h[k] <= height;
            if (!inside || w[k] < 0 || h[k] < 0) {
                throw r.error((tilted ? "tilted " : "") + "rectangle " + x[k] + "," + y[k] + " " + w[k] + "x" + h[k]
                        + " lies outside the " + width + "x" + height + " window");
            }
        }
        return new HaarFeature(tilted, x, y, w, h, weight);
    }

    // ---------------------------------------------------------------- old format

    /** The old format as {@code haar_cvt::convert} turns it into the current one. */
    private Cascade readOld(XmlNode root) {
        XmlNode size = root.child("size");
        String[] st = size.tokens();
        if (st.length != 2) {
            throw size.error("<size> needs 2 values (width height), found " + st.length);
        }
        int width = size.parseInt(st[0]);
        int height = size.parseInt(st[1]);
        if (width <= 0 || height <= 0) {
            throw size.error("window size " + width + "x" + height + " is not positive");
        }
        List<HaarFeature> features = new ArrayList<>();
        XmlNode stages = root.child("stages");
        if (stages.items().isEmpty()) {
            throw stages.error("<stages> is empty");
        }
        for (XmlNode stage : stages.items()) {
            stageThresholds.add((float) stage.child("stage_threshold").doubleValue() - THRESHOLD_EPS);
            XmlNode trees = stage.child("trees");
            if (trees.items().isEmpty()) {
                throw trees.error("<trees> is empty");
            }
            stageTreeCounts.add(trees.items().size());
            for (XmlNode tree : trees.items()) {
                if (tree.items().isEmpty()) {
                    throw tree.error("a tree without nodes");
                }
                treeNodeCounts.add(tree.items().size());
                List<Float> treeLeaves = new ArrayList<>();
                for (XmlNode node : tree.items()) {
                    XmlNode f = node.child("feature");
                    XmlNode tilted = f.find("tilted");
                    nodeFeature.add(features.size());
                    features.add(haarFeature(f.child("rects"), tilted != null && tilted.intValue() != 0, width, height));
                    nodeThreshold.add((float) node.child("threshold").doubleValue());
                    nodeLeft.add(oldChild(node, "left", treeLeaves));
                    nodeRight.add(oldChild(node, "right", treeLeaves));
                    nodeOrigins.add(node);
                }
                if (treeLeaves.size() != tree.items().size() + 1) {
                    throw tree.error("a tree of " + tree.items().size() + " nodes has " + treeLeaves.size()
                            + " leaf values, OpenCV needs " + (tree.items().size() + 1));
                }
                leaves.addAll(treeLeaves);
            }
        }
        return build(FeatureType.HAAR, width, height, 0, features.toArray(HaarFeature[]::new), null, root);
    }

    /** A leaf becomes {@code -(its index among the tree's leaves)}, an inner child keeps its node index. */
    private static int oldChild(XmlNode node, String side, List<Float> treeLeaves) {
        XmlNode val = node.find(side + "_val");
        if (val != null) {
            int index = treeLeaves.size();
            treeLeaves.add((float) val.doubleValue());
            return -index;
        }
        XmlNode next = node.find(side + "_node");
        if (next == null) {
            throw node.error("a tree node has neither <" + side + "_val> nor <" + side + "_node>");
        }
        return next.intValue();
    }

    // ---------------------------------------------------------------- common

    private Cascade build(FeatureType type, int width, int height, int categories,
                          HaarFeature[] haar, LbpFeature[] lbp, XmlNode featuresNode) {
        int nFeatures = haar != null ? haar.length : lbp.length;
        if (nFeatures == 0) {
            throw featuresNode.error("the cascade has no features");
        }
        int node = 0;
        for (int nodes : treeNodeCounts) {
            for (int i = 0; i < nodes; i++, node++) {
                XmlNode origin = nodeOrigins.get(node);
                int f = nodeFeature.get(node);
                if (f < 0 || f >= nFeatures) {
                    throw origin.error("feature index " + f + " is out of range (" + nFeatures + " features)");
                }
                for (int child : new int[] {nodeLeft.get(node), nodeRight.get(node)}) {
                    if (child >= nodes || -child > nodes) {
                        throw origin.error("child " + child + " is outside a tree of " + nodes + " nodes");
                    }
                }
            }
        }
        return new Cascade(source, type, width, height, categories,
                toFloats(stageThresholds), toInts(stageTreeCounts), toInts(treeNodeCounts),
                nodeFeature.toArray(), toFloats(nodeThreshold), nodeLeft.toArray(), nodeRight.toArray(),
                nodeSubsets.toArray(), toFloats(leaves), haar, lbp);
    }

    private static float[] toFloats(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static int[] toInts(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A growable int array, to avoid boxing a few hundred thousand subset words. */
    private static final class IntList {
        private int[] data = new int[256];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int get(int i) {
            return data[i];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
