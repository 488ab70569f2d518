package dev.fer.capture;

import dev.fer.capture.camera.Cameras;
import dev.fer.capture.image.ImageFiles;
import dev.fer.capture.image.ImageSequenceSource;
import dev.fer.capture.video.VideoFileSource;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Turns a command-line {@code --source} value into a {@link FrameSource}. */
public final class FrameSources {

    /** What {@code --source} accepts, for usage texts and error messages. */
    public static final String USAGE = """
            --source accepts:
              0, 1, ...           a camera by index (camera:0 works too; 'camera' alone is the first)
              NAME                a camera whose name is or contains NAME (camera:NAME works too)
              FILE.jpg|png|bmp    an image file
              FOLDER              a folder of images (sub-folders too), played in name order (frame2 before frame10)
              FILE.mp4|avi|...    a video file (needs ffmpeg)
              virtual:SOURCE      a virtual camera playing SOURCE (any of the above but a camera)
                                  through the webcam driver, for demos and tests without hardware""";

    private FrameSources() {}

    /** {@link #open(String, CaptureOptions)} with {@link CaptureOptions#defaults()}. */
    public static FrameSource open(String spec) throws CaptureException {
        return open(spec, CaptureOptions.defaults());
    }

    /**
     * Opens what {@code spec} names (see {@link #USAGE}). A number is a camera index; an existing
     * folder is an image sequence; an existing file is an image when ImageIO knows its format and a
     * video otherwise; any other text is a camera name, unless it looks like a path, in which case
     * the file is missing.
     *
     * @throws CaptureException with a message that says what is wrong and how to go on
     */
    public static FrameSource open(String spec, CaptureOptions options) throws CaptureException {
        String s = spec.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("camera")) {
            return Cameras.open("0", options);
        }
        if (s.regionMatches(true, 0, "camera:", 0, 7)) {
            String selector = s.substring(7).trim();
            return Cameras.open(selector.isEmpty() ? "0" : selector, options);
        }
        if (s.regionMatches(true, 0, "virtual:", 0, 8)) {
            return Cameras.openVirtual(s.substring(8).trim(), options);
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Cameras.open(s, options);
        }
        Path path = toPath(s);
        if (path != null && Files.isDirectory(path)) {
            return ImageSequenceSource.folder(path, options);
        }
        if (path != null && Files.exists(path)) {
            if (!Files.isReadable(path)) {
                throw new CaptureException(path + ": the file is not readable (check its permissions).");
            }
            return ImageFiles.isImageFile(path)
                    ? ImageSequenceSource.image(path, options)
                    : VideoFileSource.open(path, options);
        }
        if (looksLikePath(s)) {
            throw new CaptureException("No such file or folder: " + s + ". " + wayOn());
        }
        return Cameras.open(s, options);
    }

    /**
     * The cameras the system offers now (a later call sees cameras plugged in or out meanwhile).
     *
     * @return an empty list when there is no camera
     * @throws CaptureException when camera support itself cannot start (e.g. a missing native
     *                          library); the message says how to fix it
     */
    public static List<CameraInfo> cameras() throws CaptureException {
        return Cameras.list();
    }

    /** The sentence error messages end with: the other kinds of source to try. */
    public static String wayOn() {
        return "Other sources: another camera (index or name), an image file, a folder of images or a video file (--source).";
    }

    private static Path toPath(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A separator or a file extension: the user meant a file, not a camera name. */
    private static boolean looksLikePath(String s) {
        return s.contains("/") || s.contains("\\") || s.matches(".*\\.[A-Za-z0-9]{2,4}$");
    }
}
