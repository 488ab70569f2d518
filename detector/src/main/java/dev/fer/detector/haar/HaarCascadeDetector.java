package dev.fer.detector.haar;

import dev.fer.detector.FaceBox;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.GrayImage;
import dev.fer.detector.RectGrouping;
import dev.fer.detector.RectList;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OpenCV's {@code CascadeClassifier::detectMultiScale} in Java: the image pyramid, the window scan,
 * {@code groupRectangles(minNeighbors, 0.2)} and the final clipping, with the same arithmetic, so
 * that it finds the same boxes. The pyramid levels are cut into bands of rows that are scanned in
 * parallel; bands also bound the memory a huge image needs.
 *
 * <p>Thread-safe: any number of threads may call {@link #detect} on one instance.
 */
public final class HaarCascadeDetector implements FaceDetector {
    /** Most integral-image cells one band may hold (per plane): bounds memory for huge images. */
    private static final int MAX_BAND_CELLS = 1 << 22;
    /** Bands per thread to aim for on big levels, so that threads finish together. */
    private static final int BANDS_PER_THREAD = 4;

    private final CompiledCascade compiled;
    private final DetectionParams params;
    private final int threads;
    private final ForkJoinPool pool;
    private final ConcurrentLinkedQueue<Worker> workers = new ConcurrentLinkedQueue<>();

    /** A detector on every core. */
    public HaarCascadeDetector(Cascade cascade, DetectionParams params) {
        this(cascade, params, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads how many threads one {@link #detect} call uses (1: only the caller's)
     */
    public HaarCascadeDetector(Cascade cascade, DetectionParams params, int threads) {
        Objects.requireNonNull(cascade, "cascade");
        this.params = Objects.requireNonNull(params, "params");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.compiled = new CompiledCascade(cascade);
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads, daemonFactory(), null, false) : null;
    }

    /** The default frontal face cascade with OpenCV's usual parameters (1.1, 5, 30), on every core. */
    public static HaarCascadeDetector frontalFace() {
        return new HaarCascadeDetector(Cascade.frontalFace(), DetectionParams.DEFAULT);
    }

    @Override
    public String name() {
        return "haar";
    }

    public Cascade cascade() {
        return compiled.cascade;
    }

    public DetectionParams params() {
        return params;
    }

    @Override
    public List<FaceBox> detect(BufferedImage image) {
        return detect(GrayImage.of(image));
    }

    /** Faces in a gray image; an empty list when the image is smaller than the cascade window. */
    public List<FaceBox> detect(GrayImage image) {
        RectList raw = new RectList();
        detectRaw(image, raw);
        List<FaceBox> grouped = RectGrouping.group(raw, params.minNeighbors(), DetectionParams.GROUP_EPS);
        return clip(grouped, image.width(), image.height());
    }

    /** Every window the cascade accepts, before grouping, in original image pixels. */
    public void detectRaw(GrayImage image, RectList out) {
        Cascade c = compiled.cascade;
        List<ScaleLevel> levels = ScalePlan.levels(image.width(), image.height(), c.windowWidth, c.windowHeight,
                params.scaleFactor(), params.minSize(), params.minSize(), params.maxSize(), params.maxSize());
        if (levels.isEmpty()) {
            return;
        }
        List<Band> bands = bands(levels, c.windowHeight);
        if (pool == null || bands.size() == 1) {
            Worker w = worker();
            try {
                for (Band b : bands) {
                    w.scanner.scan(image.pixels(), image.width(), image.height(), b.level, b.y0, b.y1, out);
                }
            } finally {
                workers.add(w);
            }
            return;
        }
        RectList[] found = new RectList[bands.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            Worker w = worker();
            try {
                for (int i; (i = next.getAndIncrement()) < bands.size(); ) {
                    Band b = bands.get(i);
                    RectList list = new RectList();
                    w.scanner.scan(image.pixels(), image.width(), image.height(), b.level, b.y0, b.y1, list);
                    found[i] = list;
                }
            } finally {
                workers.add(w);
            }
        };
        List<ForkJoinTask<?>> tasks = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, bands.size()); t++) {
            tasks.add(pool.submit(drain));
        }
        drain.run();
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
        for (RectList r : found) {
            out.addAll(r);
        }
    }

    private record Band(ScaleLevel level, int y0, int y1) { }

    /**
     * Cuts each level into bands of window rows, each a multiple of the level's step tall: small
     * enough to bound memory, and on multi-threaded detectors small enough to share the work.
     */
    private List<Band> bands(List<ScaleLevel> levels, int windowHeight) {
        long totalCells = 0;
        for (ScaleLevel l : levels) {
            totalCells += (long) (l.width() + 1) * l.yPositions();
        }
        long cellsPerBand = threads > 1 ? Math.max(totalCells / ((long) threads * BANDS_PER_THREAD), 1 << 16) : MAX_BAND_CELLS;
        cellsPerBand = Math.min(cellsPerBand, MAX_BAND_CELLS);
        List<Band> out = new ArrayList<>();
        for (ScaleLevel l : levels) {
            int stride = l.width() + 1;
            long rowsByCells = cellsPerBand / stride - windowHeight;
            int rows = (int) Math.max(l.step(), Math.min(l.yPositions(), rowsByCells));
            rows -= rows % l.step();
            for (int y0 = 0; y0 < l.yPositions(); y0 += rows) {
                out.add(new Band(l, y0, Math.min(y0 + rows, l.yPositions())));
            }
        }
        return out;
    }

    private Worker worker() {
        Worker w = workers.poll();
        return w != null ? w : new Worker(new WindowScanner(compiled));
    }

    private record Worker(WindowScanner scanner) { }

    /** {@code clipObjects}: boxes cut to the image; a box left with no area is dropped. */
    private static List<FaceBox> clip(List<FaceBox> boxes, int width, int height) {
        List<FaceBox> out = new ArrayList<>(boxes.size());
        for (FaceBox b : boxes) {
            int x0 = Math.max(b.x(), 0);
            int y0 = Math.max(b.y(), 0);
            int x1 = Math.min(b.x() + b.width(), width);
            int y1 = Math.min(b.y() + b.height(), height);
            if (x1 > x0 && y1 > y0) {
                out.add(new FaceBox(x0, y0, x1 - x0, y1 - y0, b.score()));
            }
        }
        return out;
    }

    private static ForkJoinPool.ForkJoinWorkerThreadFactory daemonFactory() {
        return p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setDaemon(true);
            t.setName("haar-detector-" + t.getPoolIndex());
            return t;
        };
    }
}
