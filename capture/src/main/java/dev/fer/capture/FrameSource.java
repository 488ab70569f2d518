package dev.fer.capture;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A stream of frames: a camera, an image file, a folder of images or a video. Open one with
 * {@link FrameSources#open(String, CaptureOptions)}.
 *
 * <p>A source is used by one thread at a time (the capture thread); {@link #close()} may come from
 * any thread and makes a blocked {@link #next()} return or fail promptly.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * The next frame, or {@code null} at the end of the stream (a camera never ends; a file or
     * folder ends unless the source loops). Blocks until the frame is there; a paced source
     * ({@link CaptureOptions#realtime()}) also waits until the frame is due.
     *
     * @throws CaptureException when the source failed for good: a camera unplugged or stalled, a
     *                          video that cannot be decoded any further. The message says what
     *                          happened and what to do; the source is then done (close it).
     */
    Frame next() throws CaptureException;

    /** A short human-readable name, e.g. {@code camera 0 "HD Webcam"} or {@code folder faces/ (150 images)}. */
    String describe();

    /** Nominal frames per second: the requested or native rate, not a measurement. */
    double fps();

    /**
     * Nominal frame size. Cameras and videos deliver every frame at this size; the frames of a
     * folder have the sizes of its images, and this is the first one's.
     */
    Dimension size();

    /** True for cameras (frames come in real time and are dropped if not taken), false for files. */
    boolean isLive();

    /**
     * Inputs that were skipped so far, one line each naming the file and what is wrong with it
     * (a corrupt image in a folder is skipped and counted, never fatal).
     */
    default List<String> skipped() {
        return List.of();
    }

    /**
     * Hands a frame's image back once nothing reads or shows it any more, so that the source can
     * fill it again instead of allocating a new one (videos, repeated images and converted camera
     * pictures reuse them). Optional: without it every frame has a new image. Call it at most once
     * per frame, from any thread.
     */
    default void recycle(BufferedImage image) {}

    /** Releases the device, decoder or files. Idempotent; never throws. */
    @Override
    void close();
}
