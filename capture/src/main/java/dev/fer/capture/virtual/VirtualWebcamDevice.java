package dev.fer.capture.virtual;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.capture.support.BgrImages;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A sarxos {@link WebcamDevice} that plays any {@link FrameSource} (an image, a folder, a video),
 * so the app and its tests can use the real {@code Webcam} API with no camera attached. Each
 * {@code open} starts the source afresh; the device offers the source's size and a few smaller
 * common ones (frames are scaled to fit the chosen one, letterboxed when their shape differs, as
 * a folder of photos of different shapes has).
 *
 * <p>Every method that touches the source is {@code synchronized}: sarxos calls {@code getImage}
 * from the capture thread while its shutdown hook calls {@code dispose} from another, and closing
 * the source under a running read would break it. A device stalled with {@link Fault#FROZEN}
 * waits on the monitor, so {@code close} still gets through.
 *
 * <p>{@link #simulate(Fault)} makes the device fail like real hardware, to test what the app does
 * when a camera is busy, unplugged or frozen.
 */
public final class VirtualWebcamDevice implements WebcamDevice, WebcamDevice.FPSSource {

    /** Hardware trouble the device can act out. */
    public enum Fault {
        /** Works normally. */
        NONE,
        /** {@code open} fails as for a camera another program holds. */
        BUSY,
        /** {@code getImage} fails as for a camera pulled out mid-run. */
        UNPLUGGED,
        /** {@code getImage} blocks until the device is closed, as a hung driver does. */
        FROZEN
    }

    /** Opens a fresh source for each {@code open} of the device. */
    @FunctionalInterface
    public interface SourceFactory {
        FrameSource open() throws CaptureException;
    }

    private static final Dimension[] COMMON_SIZES = {
        new Dimension(1280, 720), new Dimension(640, 480), new Dimension(320, 240)
    };

    private final String name;
    private final SourceFactory factory;
    private final Dimension[] resolutions;
    private final double fps;

    private Dimension resolution;
    private FrameSource source;
    private boolean open;
    private boolean exhausted;
    private Fault fault = Fault.NONE;

    /**
     * A device named {@code name} over the sources {@code factory} opens. Opens one source now to
     * learn its size and rate, and closes it again.
     */
    public VirtualWebcamDevice(String name, SourceFactory factory) throws CaptureException {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
        Dimension own;
        try (FrameSource probe = factory.open()) {
            own = probe.size();
            fps = probe.fps();
        }
        Set<Dimension> sizes = new LinkedHashSet<>();
        sizes.add(own);
        for (Dimension common : COMMON_SIZES) {
            if (common.width < own.width && common.height < own.height) {
                sizes.add(common);
            }
        }
        resolutions = sizes.toArray(Dimension[]::new);
    }

    /** A device playing {@code file}: an image, a folder of images or a video. */
    public static VirtualWebcamDevice of(String name, String file, CaptureOptions options) throws CaptureException {
        if (!exists(file)) {
            throw new CaptureException("A virtual camera plays an image, a folder or a video, and there is no file or"
                    + " folder '" + file + "'.");
        }
        return new VirtualWebcamDevice(name, () -> FrameSources.open(file, options));
    }

    private static boolean exists(String file) {
        try {
            return !file.isBlank() && Files.exists(Path.of(file));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Dimension[] getResolutions() {
        return resolutions.clone();
    }

    @Override
    public synchronized Dimension getResolution() {
        return resolution == null ? null : new Dimension(resolution);
    }

    @Override
    public synchronized void setResolution(Dimension size) {
        resolution = new Dimension(size);
    }

    @Override
    public synchronized void open() {
        if (open) {
            return;
        }
        if (fault == Fault.BUSY) {
            throw new WebcamException("Device " + name + " is busy (simulated: another program has it open)");
        }
        try {
            source = factory.open();
        } catch (CaptureException e) {
            throw new WebcamException(e.getMessage(), e);
        }
        if (resolution == null) {
            resolution = resolutions[0];
        }
        exhausted = false;
        open = true;
    }

    /**
     * The next picture, scaled to fit the chosen resolution (letterboxed when its shape differs);
     * {@code null} when the device is closed or its source has ended (see {@link #isExhausted()}).
     *
     * @throws WebcamException when the simulated device is unplugged, or the source fails
     */
    @Override
    public synchronized BufferedImage getImage() {
        while (open && fault == Fault.FROZEN) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (!open || exhausted) {
            return null;
        }
        if (fault == Fault.UNPLUGGED) {
            throw new WebcamException("Device " + name + " is gone (simulated unplug)");
        }
        Frame frame;
        try {
            frame = source.next();
        } catch (CaptureException e) {
            throw new WebcamException(e.getMessage(), e);
        }
        if (frame == null) {
            exhausted = true;
            return null;
        }
        return BgrImages.fitted(frame.image(), resolution.width, resolution.height);
    }

    /** True once the source has no more frames (it does not loop); a real camera never gets here. */
    public synchronized boolean isExhausted() {
        return exhausted;
    }

    /** Acts out {@code trouble} from now on ({@link Fault#NONE} to recover). */
    public synchronized void simulate(Fault trouble) {
        fault = Objects.requireNonNull(trouble, "trouble");
        notifyAll();
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        source.close();
        source = null;
        notifyAll();
    }

    @Override
    public synchronized void dispose() {
        close();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public double getFPS() {
        return fps;
    }

    @Override
    public String toString() {
        return "virtual camera " + name;
    }
}
