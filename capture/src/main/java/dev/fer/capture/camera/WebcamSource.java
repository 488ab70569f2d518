package dev.fer.capture.camera;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDevice;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.capture.support.BgrImages;
import dev.fer.capture.support.FramePool;
import dev.fer.capture.support.Pacer;
import dev.fer.capture.virtual.VirtualWebcamDevice;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A sarxos {@link Webcam} as a frame source. Every device call runs on a daemon "grabber" thread
 * and is waited for with {@link CaptureOptions#frameTimeout()}, so a hung or unplugged camera
 * becomes a {@link CaptureException} with a clear message instead of a hang, and never keeps the
 * JVM alive. The sarxos lock file is disabled (parallel JVMs would collide on it).
 */
public final class WebcamSource implements FrameSource {
    /** How often to ask again when the camera has no new picture yet. */
    private static final long RETRY_NANOS = 2_000_000L;
    private static final long CLOSE_WAIT_MILLIS = 2000;
    private static final Dimension DEFAULT_CAMERA_SIZE = new Dimension(640, 480);

    private final Webcam webcam;
    private final String description;
    private final long timeoutNanos;
    private final long periodNanos;
    private final double fps;
    private final Dimension size;
    private final ExecutorService grabber;
    private final long openedAt = System.nanoTime();
    /** Targets for converting the driver's pictures (sarxos allocates its own anyway). */
    private final FramePool pool = new FramePool();

    private final Pacer pacer = new Pacer();
    private long delivered;
    private volatile boolean closed;
    private volatile CaptureException failure;

    private WebcamSource(Webcam webcam, String description, CaptureOptions options, ExecutorService grabber) {
        this.webcam = webcam;
        this.description = description;
        this.grabber = grabber;
        this.timeoutNanos = options.frameTimeout().toNanos();
        this.periodNanos = options.fps() > 0 ? Math.round(1e9 / options.fps()) : 0;
        double own = webcam.getDevice() instanceof WebcamDevice.FPSSource source ? source.getFPS() : 0;
        this.fps = options.fps() > 0 ? options.fps() : own > 0 ? own : 30;
        this.size = webcam.getViewSize();
    }

    /**
     * Opens {@code webcam} at the supported size nearest to the wanted one.
     *
     * @throws CaptureException when the camera is busy, fails to open, or does not answer in time
     */
    static WebcamSource open(Webcam webcam, int index, CaptureOptions options) throws CaptureException {
        String description = "Camera " + index + " \"" + webcam.getName() + "\"";
        if (webcam.isOpen()) {
            throw new CaptureException(description + " is already in use in this program. "
                    + FrameSources.wayOn());
        }
        webcam.getLock().disable();
        Dimension wanted = options.resolution();
        webcam.setViewSize(nearest(webcam.getViewSizes(), wanted != null ? wanted : defaultSize(webcam)));
        ExecutorService grabber = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("fer-camera-grabber-" + index).factory());
        try {
            call(grabber, webcam::open, options.frameTimeout().toNanos());
        } catch (TimeoutException e) {
            // should the open still succeed, close the camera right after it, on the same thread
            grabber.execute(webcam::close);
            grabber.shutdown();
            throw new CaptureException(description + " did not open within "
                    + seconds(options.frameTimeout().toNanos()) + " (busy or hung?). " + FrameSources.wayOn(), e);
        } catch (ExecutionException e) {
            grabber.shutdownNow();
            throw new CaptureException(description + " could not be opened: it may be in use by another"
                    + " program (" + reason(e.getCause()) + "). Close that program. " + FrameSources.wayOn(),
                    e.getCause());
        }
        Dimension size = webcam.getViewSize();
        String sizeNote = size == null ? "" : ", " + size.width + "x" + size.height
                + (wanted != null && !wanted.equals(size) ? " (asked " + wanted.width + "x" + wanted.height + ")" : "");
        return new WebcamSource(webcam, description + sizeNote, options, grabber);
    }

    /**
     * The size to ask for when none is wanted: a virtual camera's own (its source's) size; for a real
     * camera 640x480, a good size for face detection, where sarxos would take its first size (176x144).
     */
    private static Dimension defaultSize(Webcam webcam) {
        return webcam.getDevice() instanceof VirtualWebcamDevice ? webcam.getViewSizes()[0] : DEFAULT_CAMERA_SIZE;
    }

    /** The size with the least difference in width and height, ties to the larger. */
    static Dimension nearest(Dimension[] sizes, Dimension wanted) {
        Dimension best = sizes[0];
        long bestCost = Long.MAX_VALUE;
        for (Dimension d : sizes) {
            long cost = (long) Math.abs(d.width - wanted.width) + Math.abs(d.height - wanted.height);
            if (cost < bestCost || (cost == bestCost && (long) d.width * d.height > (long) best.width * best.height)) {
                best = d;
                bestCost = cost;
            }
        }
        return best;
    }

    @Override
    public Frame next() throws CaptureException {
        if (failure != null) {
            throw failure;
        }
        if (periodNanos > 0) {
            // on a fixed schedule, so time spent grabbing does not add up and lower the rate
            pacer.awaitDue(delivered * periodNanos, () -> closed);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed) {
            BufferedImage image;
            try {
                image = call(grabber, webcam::getImage, deadline - System.nanoTime());
            } catch (TimeoutException e) {
                throw fail("has sent no picture for " + seconds(timeoutNanos)
                        + " (unplugged, or taken by another program?)", e);
            } catch (RejectedExecutionException e) {
                return null; // close() shut the grabber down meanwhile
            } catch (ExecutionException e) {
                if (closed) {
                    return null;
                }
                throw fail("stopped working (" + reason(e.getCause()) + "); was it unplugged?", e.getCause());
            }
            if (image != null) {
                long now = System.nanoTime();
                BufferedImage bgr = image.getType() == BufferedImage.TYPE_3BYTE_BGR ? image
                        : BgrImages.copyInto(image, pool.take(image.getWidth(), image.getHeight()));
                return new Frame(bgr, delivered++, now - openedAt, webcam.getName());
            }
            if (closed || webcam.getDevice() instanceof VirtualWebcamDevice v && v.isExhausted()) {
                return null;
            }
            if (!webcam.isOpen()) {
                throw fail("was closed by its driver (unplugged?)", null);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw fail("has sent no picture for " + seconds(timeoutNanos) + " (unplugged?)", null);
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        return null;
    }

    private CaptureException fail(String what, Throwable cause) {
        failure = new CaptureException(description + " " + what + ". Plug it back in and pick it again. "
                + FrameSources.wayOn(), cause);
        return failure;
    }

    /** Runs {@code task} on the grabber thread and waits at most {@code timeoutNanos} for it. */
    private static <T> T call(ExecutorService grabber, Callable<T> task, long timeoutNanos)
            throws TimeoutException, ExecutionException, CaptureException {
        Future<T> result = grabber.submit(task);
        try {
            return result.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            throw new CaptureException("interrupted while waiting for the camera", e);
        }
    }

    @Override
    public void recycle(BufferedImage image) {
        pool.give(image);
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
        return true;
    }

    /** The sarxos webcam, for callers that need more than frames (e.g. its measured rate). */
    public Webcam webcam() {
        return webcam;
    }

    /**
     * Closes the webcam on a separate daemon thread and waits up to two seconds: a driver stuck in a
     * read must not block the app's exit (the JVM does not wait for daemon threads).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread closer = Thread.ofPlatform().daemon().name("fer-camera-close").start(webcam::close);
        try {
            closer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        grabber.shutdownNow();
    }

    private static String reason(Throwable t) {
        if (t == null) {
            return "no reason given";
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
