package dev.fer.app.pipeline;

import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A frame with its faces: what the pipeline hands to the window, the recorder and {@code analyze}.
 *
 * @param source        the source's name (a camera, a file)
 * @param frameNumber   0-based index of the frame in its source, counting dropped frames too
 * @param epochMillis   wall-clock time the frame was captured
 * @param seconds       time since the source's first frame (a video's position)
 * @param image         the frame itself
 * @param faces         its faces, in detection order
 * @param latencyNanos  from capture to the result being ready
 */
public record AnalyzedFrame(
        String source,
        long frameNumber,
        long epochMillis,
        double seconds,
        BufferedImage image,
        List<Face> faces,
        long latencyNanos) {

    public AnalyzedFrame {
        faces = List.copyOf(faces);
    }

    /** The face with the largest box, if any. */
    public Optional<Face> largestFace() {
        return faces.stream().max(Comparator.comparingLong(Face::area));
    }
}
