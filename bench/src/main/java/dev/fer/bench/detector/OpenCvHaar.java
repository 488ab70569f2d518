package dev.fer.bench.detector;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.objdetect.CascadeClassifier;

/**
 * OpenCV's {@code CascadeClassifier} (org.openpnp:opencv, native, in this JVM) fed exactly what our
 * detector gets: the cascade file bundled in {@code detector}, the same gray pixels and the same
 * {@link DetectionParams}. It is the peer of {@code HaarDetectorBenchmark} and the oracle that
 * checks both find the same boxes.
 */
final class OpenCvHaar {
    /** Where the detector module's build packs OpenCV's Haar cascades (see {@code Cascade.bundled}). */
    private static final String CASCADE_RESOURCE = "/dev/fer/detector/haar/cascades/haarcascades/";

    /** OpenCV's own thread count (every core) before anyone changed it; {@code setNumThreads} is process-wide. */
    private static final int DEFAULT_THREADS;

    static {
        nu.pattern.OpenCV.loadLocally();
        DEFAULT_THREADS = Core.getNumThreads();
    }

    private final CascadeClassifier classifier;
    private final DetectionParams params;
    private final Size minSize;
    private final Size maxSize;
    private final Mat image;
    /** Reused between calls so that a timed detection allocates no Java objects of ours. */
    private final MatOfRect found = new MatOfRect();

    /**
     * @param threads OpenCV's threads for every detection in this process: 1, or 0 for its default
     *     (every core)
     */
    OpenCvHaar(GrayImage frame, DetectionParams params, int threads) {
        Core.setNumThreads(threads == 0 ? DEFAULT_THREADS : threads);
        this.classifier = loadBundledCascade(Cascade.DEFAULT_FACE);
        this.params = params;
        this.minSize = new Size(params.minSize(), params.minSize());
        this.maxSize = params.maxSize() > 0 ? new Size(params.maxSize(), params.maxSize()) : new Size();
        this.image = new Mat(frame.height(), frame.width(), CvType.CV_8UC1);
        image.put(0, 0, frame.pixels());
    }

    /** Threads OpenCV uses now. */
    static int threads() {
        return Core.getNumThreads();
    }

    /** One detection, as timed; the result is overwritten by the next call. */
    MatOfRect detectRaw() {
        classifier.detectMultiScale(image, found, params.scaleFactor(), params.minNeighbors(), 0, minSize, maxSize);
        return found;
    }

    /** One detection as {@link FaceBox}es (score 0: plain detectMultiScale gives no neighbour counts). */
    List<FaceBox> detect() {
        List<FaceBox> boxes = new ArrayList<>();
        for (Rect r : detectRaw().toArray()) {
            boxes.add(new FaceBox(r.x, r.y, r.width, r.height, 0));
        }
        return boxes;
    }

    /**
     * Fails, listing both sets, unless ours and OpenCV's boxes have the same geometry (order and
     * scores aside).
     */
    static void requireSameBoxes(String what, List<FaceBox> ours, List<FaceBox> openCv) {
        List<String> a = geometry(ours);
        List<String> b = geometry(openCv);
        if (!a.equals(b)) {
            throw new IllegalStateException(what + ": ours and OpenCV's detections differ: ours " + a + ", OpenCV " + b);
        }
    }

    /** Boxes as sorted "x,y,w,h" strings. */
    static List<String> geometry(List<FaceBox> boxes) {
        return boxes.stream()
                .map(b -> b.x() + "," + b.y() + "," + b.width() + "," + b.height())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** OpenCV reads cascades from files only, so the bundled resource goes to a temp file first. */
    private static CascadeClassifier loadBundledCascade(String fileName) {
        String resource = CASCADE_RESOURCE + fileName;
        try (InputStream in = OpenCvHaar.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("cascade resource missing from the detector jar: " + resource);
            }
            Path file = Files.createTempFile("fer-opencv-", "-" + fileName);
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                CascadeClassifier classifier = new CascadeClassifier(file.toString());
                if (classifier.empty()) {
                    throw new IllegalStateException("OpenCV could not load the cascade " + resource + " (copied to " + file + ")");
                }
                return classifier;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy cascade " + resource + " to a temp file", e);
        }
    }
}
