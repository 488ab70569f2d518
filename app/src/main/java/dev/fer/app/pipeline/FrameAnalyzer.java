package dev.fer.app.pipeline;

import dev.fer.app.tracking.IouTracker;
import dev.fer.app.tracking.ProbabilitySmoother;
import dev.fer.detector.FaceBox;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.HaarCascadeDetector;
import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The per-frame work: detect the faces, crop each to 48x48, classify them all in one batch, then
 * track and smooth. Not thread-safe: one thread analyzes; the switches and the detector may be
 * changed from any thread and take effect with the next frame.
 */
public final class FrameAnalyzer {
    /** With region scans on, every this many frames a full scan looks for new faces. */
    public static final int FULL_SCAN_EVERY = 5;

    /** Seconds over which a track's probabilities are averaged (see {@link ProbabilitySmoother}). */
    public static final double SMOOTHING_SECONDS = 0.3;

    private static final int PIXELS = FaceCropper.SIZE * FaceCropper.SIZE;
    private static final int CLASSES = Emotion.COUNT;

    private final EmotionClassifier classifier;
    private final IouTracker tracker = new IouTracker();
    private final ProbabilitySmoother smoother = new ProbabilitySmoother(SMOOTHING_SECONDS);
    private float[] batch = new float[PIXELS];
    private float[] probabilities = new float[CLASSES];
    /** The gray plane of the last frame, reused: frames of one stream share a size. */
    private byte[] grayPixels;

    private volatile FaceDetector detector;
    private volatile boolean tracking = true;
    private volatile boolean smoothing = true;
    private volatile boolean align = true;
    private volatile boolean resetRequested;
    private volatile boolean regionScans;
    /** Last frame's faces, where region scans look. */
    private List<FaceBox> previous = List.of();
    private int sinceFullScan;
    private RegionScanner regions;
    private volatile long detectNanos;
    private volatile long classifyNanos;

    public FrameAnalyzer(FaceDetector detector, EmotionClassifier classifier) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** The faces of {@code frame}, captured {@code seconds} after its source started. */
    public List<Face> analyze(BufferedImage frame, double seconds) {
        if (resetRequested) {
            resetRequested = false;
            tracker.reset();
            smoother.reset();
            previous = List.of();
        }
        // The Haar cascade works on gray, as do the crops: convert the frame once for both.
        long start = System.nanoTime();
        GrayImage gray = GrayImage.of(frame, grayPixels);
        grayPixels = gray.pixels();
        List<FaceBox> boxes = detect(frame, gray);
        long detected = System.nanoTime();
        detectNanos = detected - start;
        classifyNanos = 0;
        int n = boxes.size();
        boolean track = tracking;
        int[] ids = track ? tracker.update(boxes) : new int[n];
        if (n == 0) {
            return List.of();
        }
        classify(gray, boxes);
        classifyNanos = System.nanoTime() - detected;
        boolean smooth = track && smoothing;
        List<Face> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] p = Arrays.copyOfRange(probabilities, i * CLASSES, (i + 1) * CLASSES);
            if (smooth) {
                smoother.smooth(ids[i], seconds, p);
            }
            faces.add(new Face(ids[i], boxes.get(i), p));
        }
        if (smooth) {
            smoother.retain(tracker.liveIds());
        }
        return faces;
    }

    /**
     * The frame's faces: a full scan, or with region scans on, between full scans only the regions
     * around last frame's faces (see {@link RegionScanner}).
     */
    private List<FaceBox> detect(BufferedImage frame, GrayImage gray) {
        FaceDetector d = detector;
        if (!(d instanceof HaarCascadeDetector haar)) {
            return d.detect(frame);
        }
        boolean regional = regionScans && tracking && !previous.isEmpty() && ++sinceFullScan < FULL_SCAN_EVERY;
        if (regional && (regions == null || regions.full() != haar)) {
            regions = new RegionScanner(haar); // a new detector (sensitivity): new region detectors
        }
        List<FaceBox> boxes = regional ? regions.scan(gray, previous) : haar.detect(gray);
        if (!regional) {
            sinceFullScan = 0;
        }
        previous = boxes;
        return boxes;
    }

    /** Crops every face and runs the classifier once on the whole batch. */
    private void classify(GrayImage gray, List<FaceBox> boxes) {
        int n = boxes.size();
        if (batch.length < n * PIXELS) {
            batch = new float[n * PIXELS];
            probabilities = new float[n * CLASSES];
        }
        for (int i = 0; i < n; i++) {
            EmotionClassifier.toInput(FaceCropper.crop(gray, boxes.get(i), align), batch, i * PIXELS);
        }
        classifier.classify(batch, n, probabilities);
    }

    /** Time the last frame spent in detection (gray conversion included). */
    public long lastDetectNanos() {
        return detectNanos;
    }

    /** Time the last frame spent cropping and classifying its faces (0 without faces). */
    public long lastClassifyNanos() {
        return classifyNanos;
    }

    public void setDetector(FaceDetector detector) {
        this.detector = Objects.requireNonNull(detector, "detector");
    }

    public FaceDetector detector() {
        return detector;
    }

    /** Tracking off: every face gets track id 0 and nothing is smoothed. */
    public void setTracking(boolean on) {
        if (on != tracking) {
            resetRequested = true;
        }
        tracking = on;
    }

    public void setSmoothing(boolean on) {
        if (on != smoothing) {
            resetRequested = true;
        }
        smoothing = on;
    }

    /**
     * Live streams: between full scans (every {@link #FULL_SCAN_EVERY} frames), look for last
     * frame's faces only around where they were. Needs tracking; off by default, as
     * {@code analyze} wants every frame scanned in full.
     */
    public void setRegionScans(boolean on) {
        regionScans = on;
    }

    /**
     * Turn each face so its eyes are level before classifying it, where the detector gives eye
     * positions (BlazeFace; the Haar cascade does not, and its faces are cropped as they are). On
     * by default.
     */
    public void setAlign(boolean on) {
        align = on;
    }

    public boolean align() {
        return align;
    }

    /**
     * Test-time augmentation: classify each face with its mirror image and average the two (see
     * {@link EmotionClassifier#mirrorAveraging(boolean)}); safe to switch while frames are analyzed.
     */
    public void setMirrorAveraging(boolean on) {
        classifier.mirrorAveraging(on);
    }

    public boolean mirrorAveraging() {
        return classifier.mirrorAveraging();
    }

    public boolean tracking() {
        return tracking;
    }

    public boolean smoothing() {
        return smoothing;
    }

    /** Forgets all tracks, e.g. when the source changes. */
    public void reset() {
        resetRequested = true;
    }
}
