package dev.fer.capture.image;

import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.capture.support.BgrImages;
import dev.fer.capture.support.FramePool;
import dev.fer.capture.support.Pacer;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Image files played as a sequence at {@link CaptureOptions#sequenceFps()}: a folder's images
 * (sub-folders included) in natural name order, or one image (shown once, or again and again when looping). A corrupt image in a
 * folder is skipped and listed in {@link #skipped()}; the sequence goes on.
 */
public final class ImageSequenceSource implements FrameSource {
    private final List<Path> files;
    private final String description;
    private final double fps;
    private final boolean loop;
    private final boolean realtime;
    private final Pacer pacer = new Pacer();
    private final FramePool pool = new FramePool();
    /** Read by other threads (the app's status line) while the capture thread appends. */
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final Set<Path> bad = new HashSet<>();
    private final Dimension size;
    /** A single image is decoded once and copied for each frame. */
    private final BufferedImage still;

    /** The first good image, decoded while opening to learn the size; handed out as the first frame. */
    private BufferedImage pending;
    private int pendingIndex;
    private int position;
    private long delivered;
    private volatile boolean closed;

    private ImageSequenceSource(List<Path> files, String description, CaptureOptions options, boolean single)
            throws CaptureException {
        this.files = List.copyOf(files);
        this.description = description;
        this.fps = options.sequenceFps();
        this.loop = options.loop();
        this.realtime = options.realtime();
        BufferedImage first = null;
        CaptureException firstProblem = null;
        for (int i = 0; i < this.files.size() && first == null; i++) {
            try {
                first = ImageFiles.read(this.files.get(i));
                pendingIndex = i;
            } catch (CaptureException e) {
                if (single) {
                    throw e;
                }
                firstProblem = firstProblem == null ? e : firstProblem;
                markBad(this.files.get(i), e);
            }
        }
        if (first == null) {
            throw new CaptureException(description + ": none of its " + this.files.size()
                    + " images could be read (first: " + firstProblem.getMessage() + ")");
        }
        this.size = new Dimension(first.getWidth(), first.getHeight());
        this.still = single ? first : null;
        this.pending = single ? null : first;
    }

    /** All images in {@code folder} and its sub-folders, in natural name order. */
    public static ImageSequenceSource folder(Path folder, CaptureOptions options) throws CaptureException {
        List<Path> images = ImageFiles.listImages(folder);
        if (images.isEmpty()) {
            throw new CaptureException(folder + ": no images in this folder or its sub-folders (looked for "
                    + ImageFiles.suffixes() + " files). " + FrameSources.wayOn());
        }
        return new ImageSequenceSource(images, "folder " + folder + " (" + images.size() + " images)", options, false);
    }

    /** One image file; a corrupt one fails here, at opening. */
    public static ImageSequenceSource image(Path file, CaptureOptions options) throws CaptureException {
        return new ImageSequenceSource(List.of(file), "image " + file, options, true);
    }

    @Override
    public Frame next() {
        while (!closed) {
            if (position == files.size()) {
                if (!loop) {
                    return null;
                }
                position = 0;
            }
            int index = position++;
            Path file = files.get(index);
            BufferedImage image = decode(index, file);
            if (image == null) {
                continue;
            }
            long timestamp = Math.round(delivered * 1e9 / fps);
            if (realtime) {
                pacer.awaitDue(timestamp, () -> closed);
            }
            return closed ? null : new Frame(image, delivered++, timestamp, file.toString());
        }
        return null;
    }

    /** The frame's pixels, or null when the file is corrupt (then it is recorded once and skipped). */
    private BufferedImage decode(int index, Path file) {
        if (still != null) {
            return BgrImages.copyInto(still, pool.take(still.getWidth(), still.getHeight()));
        }
        if (pending != null && index == pendingIndex) {
            BufferedImage image = pending;
            pending = null;
            return image;
        }
        if (bad.contains(file)) {
            return null;
        }
        try {
            return ImageFiles.read(file);
        } catch (CaptureException e) {
            markBad(file, e);
            return null;
        }
    }

    private void markBad(Path file, CaptureException problem) {
        if (bad.add(file)) {
            skipped.add(problem.getMessage());
        }
    }

    /** Repeats of a single image reuse recycled images; a folder's images come from the decoder. */
    @Override
    public void recycle(BufferedImage image) {
        if (still != null) {
            pool.give(image);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public Dimension size() {
        return new Dimension(size);
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void close() {
        closed = true;
        pending = null;
    }
}
