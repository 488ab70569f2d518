package dev.fer.detector.haar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A boosted cascade as OpenCV's {@code CascadeClassifierImpl::Data} holds it after loading: stages
 * of weak trees (stumps for most files), their nodes and leaves, and the features they test. Stage
 * thresholds already have OpenCV's {@code 1e-5} subtracted. Immutable; one instance serves any
 * number of detectors and threads.
 */
public final class Cascade {
    /** The feature families OpenCV's cascade classifier evaluates. */
    public enum FeatureType { HAAR, LBP }

    /** Where the build packs OpenCV's cascade files ({@code haarcascades/}, {@code lbpcascades/}). */
    static final String RESOURCE_ROOT = "/dev/fer/detector/haar/cascades/";

    /** The frontal face cascade the detector uses unless told otherwise. */
    public static final String DEFAULT_FACE = "haarcascade_frontalface_default.xml";

    final String name;
    final FeatureType featureType;
    final int windowWidth;
    final int windowHeight;
    /** LBP: number of categories (256) and ints per node bit set; 0 for Haar. */
    final int categories;
    final int subsetSize;

    final float[] stageThreshold;
    final int[] stageTreeCount;
    final int[] treeNodeCount;
    final int maxNodesPerTree;

    final int[] nodeFeature;
    final float[] nodeThreshold;
    final int[] nodeLeft;
    final int[] nodeRight;
    final int[] nodeSubsets;
    final float[] leaves;

    final HaarFeature[] haarFeatures;
    final LbpFeature[] lbpFeatures;

    /** One Haar-like feature: up to three weighted rectangles, upright or rotated by 45 degrees. */
    record HaarFeature(boolean tilted, int[] x, int[] y, int[] w, int[] h, float[] weight) {
        static final int MAX_RECTS = 3;

        /** Rectangles that count: OpenCV skips the third one when its weight is zero. */
        int rectCount() {
            return weight[2] != 0f ? 3 : 2;
        }
    }

    /** One LBP feature: a 3x3 grid of blocks of {@code w x h} pixels with its top left at (x, y). */
    record LbpFeature(int x, int y, int w, int h) { }

    Cascade(String name, FeatureType featureType, int windowWidth, int windowHeight, int categories,
            float[] stageThreshold, int[] stageTreeCount, int[] treeNodeCount,
            int[] nodeFeature, float[] nodeThreshold, int[] nodeLeft, int[] nodeRight, int[] nodeSubsets,
            float[] leaves, HaarFeature[] haarFeatures, LbpFeature[] lbpFeatures) {
        this.name = name;
        this.featureType = featureType;
        this.windowWidth = windowWidth;
        this.windowHeight = windowHeight;
        this.categories = categories;
        this.subsetSize = (categories + 31) / 32;
        this.stageThreshold = stageThreshold;
        this.stageTreeCount = stageTreeCount;
        this.treeNodeCount = treeNodeCount;
        int max = 0;
        for (int n : treeNodeCount) {
            max = Math.max(max, n);
        }
        this.maxNodesPerTree = max;
        this.nodeFeature = nodeFeature;
        this.nodeThreshold = nodeThreshold;
        this.nodeLeft = nodeLeft;
        this.nodeRight = nodeRight;
        this.nodeSubsets = nodeSubsets;
        this.leaves = leaves;
        this.haarFeatures = haarFeatures;
        this.lbpFeatures = lbpFeatures;
    }

    /** Reads a cascade file in OpenCV's current or old ({@code opencv-haar-classifier}) format. */
    public static Cascade load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CascadeParser.parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cascade file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cascade file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a cascade from a stream; {@code source} names it in error messages. */
    public static Cascade load(InputStream in, String source) throws IOException {
        return CascadeParser.parse(in, source);
    }

    /**
     * One of the cascade files OpenCV ships, packed into this module by the build, by file name:
     * {@code haarcascade_*.xml} or {@code lbpcascade_*.xml}.
     */
    public static Cascade bundled(String fileName) {
        String folder = fileName.startsWith("lbpcascade") ? "lbpcascades/" : "haarcascades/";
        String resource = RESOURCE_ROOT + folder + fileName;
        try (InputStream in = Cascade.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled cascade named " + fileName
                        + " (OpenCV's haarcascade_*.xml and lbpcascade_*.xml files are bundled)");
            }
            return CascadeParser.parse(in, fileName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled cascade " + resource, e);
        }
    }

    /** The default frontal face cascade, loaded once. */
    public static Cascade frontalFace() {
        return DefaultHolder.FRONTAL_FACE;
    }

    private static final class DefaultHolder {
        static final Cascade FRONTAL_FACE = bundled(DEFAULT_FACE);
    }

    public String name() {
        return name;
    }

    public FeatureType featureType() {
        return featureType;
    }

    public int windowWidth() {
        return windowWidth;
    }

    public int windowHeight() {
        return windowHeight;
    }

    public int stageCount() {
        return stageThreshold.length;
    }

    public int featureCount() {
        return featureType == FeatureType.HAAR ? haarFeatures.length : lbpFeatures.length;
    }

    boolean hasTiltedFeatures() {
        if (haarFeatures == null) {
            return false;
        }
        for (HaarFeature f : haarFeatures) {
            if (f.tilted()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return name + " (" + featureType + ", " + windowWidth + "x" + windowHeight + ", " + stageCount() + " stages, "
                + featureCount() + " features)";
    }
}
