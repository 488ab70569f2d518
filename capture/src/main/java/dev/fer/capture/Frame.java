package dev.fer.capture;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One picture from a {@link FrameSource}.
 *
 * <p>The image always has type {@link BufferedImage#TYPE_3BYTE_BGR} (sources convert other types
 * once, on the capture side), and it belongs to the receiver: a source never writes into an image
 * it has handed out, so a frame may be passed to another thread without copying.
 *
 * @param image          the pixels, {@code TYPE_3BYTE_BGR}
 * @param number         0 for the first frame a source delivers, then 1, 2, ... (a looping source
 *                       keeps counting)
 * @param timestampNanos when the frame belongs on the stream's time line, in nanoseconds from its
 *                       start: media time for files, folders and videos ({@code number / fps} for
 *                       sequences, the decoder's position for videos), time since opening for
 *                       cameras
 * @param origin         where the picture came from: the image file's path for image files and
 *                       folders, the video's path, or the camera's name; for per-file reports
 */
public record Frame(BufferedImage image, long number, long timestampNanos, String origin) {
    public Frame {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(origin, "origin");
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("frames are TYPE_3BYTE_BGR, got image type " + image.getType());
        }
        if (number < 0 || timestampNanos < 0) {
            throw new IllegalArgumentException("negative frame number or time stamp: " + number + ", " + timestampNanos);
        }
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    /** The time stamp in milliseconds, for reports. */
    public double timestampMillis() {
        return timestampNanos / 1e6;
    }
}
