package dev.fer.capture.image;

import dev.fer.capture.CaptureException;
import dev.fer.capture.support.BgrImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reading single image files with errors that name the file and the problem. */
public final class ImageFiles {
    /** How deep {@link #listImages} looks into sub-folders. */
    private static final int MAX_DEPTH = 16;

    /** Lower-case suffixes ImageIO can read here (jpg, png, bmp, gif, wbmp, tif, ...). */
    private static final Set<String> SUFFIXES = new TreeSet<>();

    static {
        for (String suffix : ImageIO.getReaderFileSuffixes()) {
            SUFFIXES.add(suffix.toLowerCase(Locale.ROOT));
        }
    }

    private ImageFiles() {}

    /** True when the file name has an image suffix ImageIO reads. */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && SUFFIXES.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The suffixes, for messages ("jpg, png, ..."). */
    public static String suffixes() {
        return String.join(", ", SUFFIXES);
    }

    /**
     * Decodes an image file to {@code TYPE_3BYTE_BGR}, turned upright by its EXIF orientation as
     * OpenCV's {@code imread} does. A file the decoder had to warn about (a truncated JPEG decodes
     * with a grey bottom and only a warning) counts as corrupt.
     *
     * @throws CaptureException naming the file and what is wrong with it
     */
    public static BufferedImage read(Path file) throws CaptureException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new CaptureException(file + ": cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                if (!Files.exists(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                throw new CaptureException(file + ": not an image (no decoder recognises its contents; readable formats: " + suffixes() + ")");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new CaptureException(file + ": corrupt " + reader.getFormatName() + " image (" + String.join("; ", warnings) + ")");
                }
                BufferedImage bgr = BgrImages.toBgr(image);
                return "jpeg".equalsIgnoreCase(reader.getFormatName()) ? ExifOrientation.upright(bgr, ExifOrientation.of(file)) : bgr;
            } finally {
                reader.dispose();
            }
        } catch (NoSuchFileException e) {
            throw new CaptureException(file + ": no such file");
        } catch (CaptureException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged data as IIOException, and some decoders as runtime exceptions
            throw new CaptureException(file + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The image files in {@code folder} and its sub-folders (hidden files and folders left out, links
     * to folders not followed), sorted in {@link NaturalOrder} path element by path element:
     * {@code a/x.jpg}, {@code b/y.jpg}, {@code b.jpg}, {@code frame2.jpg}, {@code frame10.jpg}.
     */
    public static List<Path> listImages(Path folder) throws CaptureException {
        List<Path> images = new ArrayList<>();
        try (var entries = Files.walk(folder, MAX_DEPTH)) {
            entries.filter(p -> !isHidden(folder.relativize(p)))
                    .filter(Files::isRegularFile)
                    .filter(ImageFiles::isImageFile)
                    .forEach(images::add);
        } catch (IOException | UncheckedIOException e) {
            throw new CaptureException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        images.sort((a, b) -> compareByFolder(folder.relativize(a), folder.relativize(b)));
        return images;
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static int compareByFolder(Path a, Path b) {
        int common = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < common; i++) {
            int byName = NaturalOrder.compare(a.getName(i).toString(), b.getName(i).toString());
            if (byName != 0) {
                return byName;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }
}
