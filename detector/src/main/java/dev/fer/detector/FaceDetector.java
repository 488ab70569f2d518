package dev.fer.detector;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces in an image. Implementations are thread-safe: one instance serves every thread.
 * The Haar cascade works on gray ({@link GrayImage#of}); BlazeFace uses colour when it has it.
 */
public interface FaceDetector {
    /** Short name used on the command line, e.g. {@code haar} or {@code blazeface}. */
    String name();

    /** The faces in the image; an empty list when there are none or the image is too small. */
    List<FaceBox> detect(BufferedImage image);
}
