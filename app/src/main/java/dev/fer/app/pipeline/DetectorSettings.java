package dev.fer.app.pipeline;

import dev.fer.app.cli.Options;
import dev.fer.app.cli.Options.UsageException;
import dev.fer.detector.FaceDetector;

/**
 * The Haar detector's parameters as the app exposes them (flags, the sensitivity slider).
 *
 * @param scaleFactor  pyramid step, > 1; smaller finds more faces, slower
 * @param minNeighbors overlapping hits a face needs; smaller is more sensitive, with more false faces
 * @param minSize      smallest face side in pixels
 */
public record DetectorSettings(double scaleFactor, int minNeighbors, int minSize) {
    /** OpenCV's usual live settings: (1.1, 5, 30). */
    public static final DetectorSettings DEFAULT = new DetectorSettings(1.1, 5, 30);

    /** The flags every command that detects takes. */
    public static final java.util.Set<String> FLAGS = java.util.Set.of("--scale-factor", "--min-neighbors", "--min-size");

    public DetectorSettings {
        if (!(scaleFactor > 1)) {
            throw new IllegalArgumentException("scale factor must be > 1, got " + scaleFactor);
        }
        if (minNeighbors < 0) {
            throw new IllegalArgumentException("min neighbors must be >= 0, got " + minNeighbors);
        }
        if (minSize < 1) {
            throw new IllegalArgumentException("min size must be >= 1 pixel, got " + minSize);
        }
    }

    /** The settings given by {@code --scale-factor}, {@code --min-neighbors}, {@code --min-size}. */
    public static DetectorSettings from(Options o) throws UsageException {
        try {
            return new DetectorSettings(
                    o.getDouble("--scale-factor", DEFAULT.scaleFactor),
                    o.getInt("--min-neighbors", DEFAULT.minNeighbors),
                    o.getInt("--min-size", DEFAULT.minSize));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public DetectorSettings withMinNeighbors(int n) {
        return new DetectorSettings(scaleFactor, n, minSize);
    }

    /** The frontal-face Haar detector with these settings. */
    public FaceDetector createDetector() {
        throw new UnsupportedOperationException("TODO: Haar detector from branch detector");
    }
}
