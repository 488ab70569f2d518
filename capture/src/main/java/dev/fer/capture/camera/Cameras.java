package dev.fer.capture.camera;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;
import dev.fer.capture.CameraInfo;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.capture.virtual.VirtualWebcamDriver;
import java.awt.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cameras of this process, through sarxos webcam-capture, whose driver is one global setting.
 * The driver is chosen at the first camera call, before sarxos touches anything else:
 * <ol>
 *   <li>one given to {@link #install(WebcamDriver)} (tests install a {@link VirtualWebcamDriver});</li>
 *   <li>else, when system property {@code fer.cameras} is set (specs separated by {@code ;}),
 *       virtual cameras playing those images, folders or videos in real time and in a loop, as
 *       cameras do, so a whole app runs without hardware and without loading native code;</li>
 *   <li>else sarxos's own native driver (V4L on Linux, through BridJ).</li>
 * </ol>
 * {@code virtual:SPEC} sources install a one-camera virtual driver for as long as they are the
 * latest source; the next plain camera request goes back to the list above.
 */
public final class Cameras {
    /** System property naming virtual cameras, e.g. {@code -Dfer.cameras=faces/;clip.mp4}. */
    public static final String VIRTUAL_CAMERAS_PROPERTY = "fer.cameras";
    private static final long LIST_TIMEOUT_SECONDS = 15;

    /** The driver given to {@link #install}, if any. */
    private static WebcamDriver installed;
    /** The driver sarxos uses now. */
    private static WebcamDriver driver;
    private static boolean listedOnce;

    private Cameras() {}

    /**
     * Makes {@code webcamDriver} the driver of all later camera calls. Call it before anything else
     * touches sarxos when the native driver must never load. Webcams of a previous driver are
     * disposed (close their sources first).
     */
    public static synchronized void install(WebcamDriver webcamDriver) {
        use(webcamDriver);
        installed = webcamDriver;
    }

    private static void use(WebcamDriver webcamDriver) {
        Webcam.setDriver(webcamDriver);
        // No background re-scanning thread: list() scans on demand instead.
        Webcam.getDiscoveryService().setEnabled(false);
        driver = webcamDriver;
        listedOnce = false;
    }

    private static void ensureDriver() throws CaptureException {
        if (driver != null && !(driver instanceof VirtualSpecDriver)) {
            return;
        }
        if (installed != null) {
            use(installed);
            return;
        }
        String virtual = System.getProperty(VIRTUAL_CAMERAS_PROPERTY, "").trim();
        if (!virtual.isEmpty()) {
            List<String> specs = Arrays.stream(virtual.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            // stand-ins for cameras behave like cameras: in real time, never ending
            use(VirtualWebcamDriver.of(specs, CaptureOptions.defaults().realtime(true).looping(true)));
            return;
        }
        try {
            use(new WebcamDefaultDriver());
        } catch (LinkageError | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /** The cameras now, in the driver's order; an empty list when there is none. */
    public static synchronized List<CameraInfo> list() throws CaptureException {
        ensureDriver();
        List<Webcam> webcams = webcams();
        List<CameraInfo> cameras = new ArrayList<>();
        for (int i = 0; i < webcams.size(); i++) {
            cameras.add(info(i, webcams.get(i)));
        }
        return cameras;
    }

    private static CameraInfo info(int index, Webcam webcam) {
        List<Dimension> sizes = new ArrayList<>(Arrays.asList(webcam.getViewSizes()));
        sizes.sort(Comparator.comparingLong((Dimension d) -> (long) d.width * d.height).reversed());
        return new CameraInfo(index, webcam.getName(), sizes);
    }

    /** Lists (the first time) or re-scans (later, to see cameras plugged in or out) the driver's webcams. */
    private static List<Webcam> webcams() throws CaptureException {
        try {
            if (listedOnce) {
                Webcam.getDiscoveryService().scan();
            }
            List<Webcam> webcams = Webcam.getWebcams(LIST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            listedOnce = true;
            return webcams;
        } catch (TimeoutException e) {
            throw new CaptureException("Looking for cameras took longer than " + LIST_TIMEOUT_SECONDS
                    + " s; the camera driver is not answering. " + FrameSources.wayOn(), e);
        } catch (LinkageError | RuntimeException e) {
            throw unavailable(e);
        }
    }

    /**
     * Opens a camera by index ({@code 0}) or by name: the camera whose name equals {@code selector}
     * (ignoring case), else the only one whose name contains it.
     */
    public static synchronized FrameSource open(String selector, CaptureOptions options) throws CaptureException {
        ensureDriver();
        List<Webcam> webcams = webcams();
        if (webcams.isEmpty()) {
            throw new CaptureException("No camera found. Connect one (and check that this user may use it). "
                    + FrameSources.wayOn());
        }
        int index = select(selector, webcams);
        return WebcamSource.open(webcams.get(index), index, options);
    }

    /**
     * Plays {@code spec} (an image, folder or video) through a one-camera {@link VirtualWebcamDriver}
     * and the real sarxos {@code Webcam} API.
     */
    public static synchronized FrameSource openVirtual(String spec, CaptureOptions options) throws CaptureException {
        VirtualSpecDriver virtual = new VirtualSpecDriver(VirtualWebcamDriver.of(List.of(spec), options));
        use(virtual);
        List<Webcam> webcams = webcams();
        return WebcamSource.open(webcams.getFirst(), 0, options);
    }

    private static int select(String selector, List<Webcam> webcams) throws CaptureException {
        if (!selector.isEmpty() && selector.chars().allMatch(Character::isDigit)) {
            int index = selector.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(selector);
            if (index < webcams.size()) {
                return index;
            }
            throw new CaptureException("There is no camera " + selector + ". " + available(webcams));
        }
        String wanted = selector.toLowerCase(Locale.ROOT);
        List<Integer> containing = new ArrayList<>();
        for (int i = 0; i < webcams.size(); i++) {
            String name = webcams.get(i).getName().toLowerCase(Locale.ROOT);
            if (name.equals(wanted)) {
                return i;
            }
            if (name.contains(wanted)) {
                containing.add(i);
            }
        }
        if (containing.size() == 1) {
            return containing.getFirst();
        }
        String problem = containing.isEmpty() ? "No camera is called '" + selector + "'. "
                : "'" + selector + "' matches " + containing.size() + " cameras; give its index. ";
        throw new CaptureException(problem + available(webcams));
    }

    private static String available(List<Webcam> webcams) {
        StringBuilder text = new StringBuilder("Cameras: ");
        for (int i = 0; i < webcams.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(i).append(" \"").append(webcams.get(i).getName()).append('"');
        }
        return text.append(". ").append(FrameSources.wayOn()).toString();
    }

    private static CaptureException unavailable(Throwable cause) {
        // sarxos wraps the driver's failure (e.g. an UnsatisfiedLinkError for libv4l2) in layers of
        // WebcamException and ExecutionException: the innermost message is the one that helps
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return new CaptureException("Camera support could not start (" + reason + "). On Linux it needs libv4l-0"
                + " (sudo apt-get install libv4l-0). " + FrameSources.wayOn(), cause);
    }

    /** Marks the driver a {@code virtual:} source installed, so the next plain camera request replaces it. */
    private record VirtualSpecDriver(VirtualWebcamDriver delegate) implements WebcamDriver {
        @Override
        public List<com.github.sarxos.webcam.WebcamDevice> getDevices() {
            return delegate.getDevices();
        }

        @Override
        public boolean isThreadSafe() {
            return delegate.isThreadSafe();
        }
    }
}
