package dev.fer.app.cli;

import dev.fer.detector.DetectionsFile;
import dev.fer.detector.FaceBox;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.FaceDetectors;
import dev.fer.detector.GrayImage;
import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * {@code fer-app detect INPUT... [options]}: finds faces in image files and folders (searched
 * recursively), prints a line per image and optionally writes them as JSON in the shape of OpenCV's
 * reference files, so that {@code shared/bench/peers/compare.py} can compare the two.
 */
public final class DetectCommand implements Command {
    private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff");
    private static final int TIMED_RUNS = 5;

    private static final String USAGE = """
            usage: fer-app detect INPUT... [--json FILE] [--time] [--cascade FILE] [--scale-factor F]
                                           [--min-neighbors N] [--min-size S] [--max-size S] [--threads N]
                                           [--detector haar|blazeface] [--blazeface-model short|full|FILE]
              INPUT              image files and folders (searched recursively)
              --json FILE        write {"params", "detections": {path: [[x, y, w, h], ...]}, "timing_ms"}
                                 (paths relative to the folder given; files keep the path as given)
              --time             time each image: median of %d detections after one warm-up, decoding excluded
              --cascade FILE     an OpenCV cascade XML file (default: the bundled %s)
              --scale-factor F   pyramid step, > 1 (1.1)
              --min-neighbors N  raw detections a face needs beyond the first (5)
              --min-size S       smallest face in pixels (30)
              --max-size S       largest face in pixels (0: no limit)
              --threads N        threads per image (all cores: %d)
              --detector NAME    face detector: haar (the Viola-Jones cascade, default; the flags above)
                                 or blazeface (MediaPipe's CNN: turned faces too, six keypoints)
              --blazeface-model M  short (faces within ~2 m), full (default) or a BlazeFace .tflite file
            """.formatted(TIMED_RUNS, Cascade.DEFAULT_FACE, Runtime.getRuntime().availableProcessors());

    @Override
    public String name() {
        return "detect";
    }

    @Override
    public String summary() {
        return "find faces in images and folders; --json writes them as OpenCV's reference files do";
    }

    @Override
    public int run(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fer-app detect: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (o.help) {
            System.out.print(USAGE);
            return 0;
        }
        Map<String, Path> images = new TreeMap<>();
        for (Path input : o.inputs) {
            if (!collect(input, images)) {
                return 2;
            }
        }
        if (images.isEmpty()) {
            System.err.println("fer-app detect: no images in " + o.inputs);
            return 2;
        }
        Cascade cascade = null;
        DetectionParams params = new DetectionParams(o.scaleFactor, o.minNeighbors, o.minSize, o.maxSize);
        FaceDetector detector;
        try {
            if (o.detector.equals("haar")) {
                cascade = o.cascade == null ? Cascade.frontalFace() : Cascade.load(o.cascade);
                detector = new HaarCascadeDetector(cascade, params, o.threads);
            } else {
                detector = FaceDetectors.create(o.detector, FaceDetectors.Options.DEFAULT.withThreads(o.threads)
                        .withBlazefaceModel(o.blazefaceModel));
            }
        } catch (RuntimeException e) {
            System.err.println("fer-app detect: " + e.getMessage());
            return 2;
        }

        Map<String, List<int[]>> detections = new LinkedHashMap<>();
        Map<String, Double> timing = new LinkedHashMap<>();
        int done = 0;
        int corrupt = 0;
        int faces = 0;
        long start = System.nanoTime();
        for (Map.Entry<String, Path> e : images.entrySet()) {
            done++;
            String key = e.getKey();
            BufferedImage img;
            try {
                img = ImageIO.read(e.getValue().toFile());
            } catch (IOException | RuntimeException ex) {
                img = null;
            }
            if (img == null) {
                corrupt++;
                System.err.printf("[%d/%d] %s: skipped, not a readable image%n", done, images.size(), e.getValue());
                continue;
            }
            // the cascade works on gray, converted outside the timing as for OpenCV; BlazeFace on colour
            GrayImage gray = detector instanceof HaarCascadeDetector ? GrayImage.of(img) : null;
            BufferedImage colour = img;
            Supplier<List<FaceBox>> detection = gray != null
                    ? () -> ((HaarCascadeDetector) detector).detect(gray) : () -> detector.detect(colour);
            long t0 = System.nanoTime();
            List<FaceBox> found = detection.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (o.time) {
                ms = medianMs(detection);
                timing.put(key, Math.round(ms * 1e4) / 1e4);
            }
            faces += found.size();
            detections.put(key, DetectionsFile.boxes(found));
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / done * (images.size() - done);
            System.out.printf(Locale.ROOT, "[%d/%d] %s: %d face%s %s (%.1f ms)  %.1f img/s, ETA %.0f s%n",
                    done, images.size(), key, found.size(), found.size() == 1 ? "" : "s", format(found), ms,
                    done / elapsed, eta);
        }
        System.out.printf(Locale.ROOT, "%d images, %d faces, %d skipped (unreadable), %.1f s%n",
                detections.size(), faces, corrupt, (System.nanoTime() - start) / 1e9);
        if (o.json != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("detector", detector.name());
            if (cascade != null) {
                p.put("scaleFactor", params.scaleFactor());
                p.put("minNeighbors", params.minNeighbors());
                p.put("minSize", List.of(params.minSize(), params.minSize()));
                p.put("maxSize", params.maxSize() == 0 ? null : List.of(params.maxSize(), params.maxSize()));
                p.put("cascade_file", Path.of(cascade.name()).getFileName().toString());
            } else if (detector instanceof BlazeFaceDetector bf) {
                p.put("blazeface_model", o.blazefaceModel == null ? "full" : o.blazefaceModel);
                p.put("blazeface_variant", bf.variant().name());
            }
            p.put("threads", o.threads);
            if (o.time) {
                p.put("timed_runs", TIMED_RUNS);
                p.put("warmup_runs", 1);
                p.put("timing_scope", cascade != null ? "detection only (decode and grey conversion excluded)"
                        : "detection only (decode excluded; letterbox, network, decoding and NMS included)");
            }
            p.put("skipped_unreadable", corrupt);
            new DetectionsFile(p, detections, timing).write(o.json);
            System.out.println("wrote " + o.json);
        }
        return 0;
    }

    /** Median of {@value #TIMED_RUNS} timed detections; the untimed one before is the warm-up. */
    private static double medianMs(Supplier<List<FaceBox>> detection) {
        double[] t = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long t0 = System.nanoTime();
            detection.get();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[TIMED_RUNS / 2];
    }

    private static String format(List<FaceBox> faces) {
        StringBuilder sb = new StringBuilder();
        for (FaceBox f : faces) {
            sb.append('[').append(f.x()).append(',').append(f.y()).append(',').append(f.width()).append(',')
                    .append(f.height()).append(']');
        }
        return sb.toString();
    }

    /** Adds an image file, or every image under a folder keyed by its path relative to it. */
    private static boolean collect(Path input, Map<String, Path> images) throws IOException {
        if (Files.isRegularFile(input)) {
            images.put(input.toString().replace('\\', '/'), input);
            return true;
        }
        if (!Files.isDirectory(input)) {
            System.err.println("fer-app detect: no such file or folder: " + input);
            return false;
        }
        try (Stream<Path> walk = Files.walk(input)) {
            walk.filter(Files::isRegularFile).filter(DetectCommand::isImage).forEach(p ->
                    images.put(input.relativize(p).toString().replace('\\', '/'), p));
        }
        return true;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    /** The command line, checked. */
    private static final class Options {
        final List<Path> inputs = new ArrayList<>();
        Path json;
        Path cascade;
        boolean time;
        boolean help;
        double scaleFactor = 1.1;
        int minNeighbors = 5;
        int minSize = 30;
        int maxSize = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        String detector = FaceDetectors.DEFAULT;
        String blazefaceModel;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--json" -> o.json = Path.of(value(args, ++i, a));
                    case "--time" -> o.time = true;
                    case "--cascade" -> o.cascade = Path.of(value(args, ++i, a));
                    case "--scale-factor" -> o.scaleFactor = number(args, ++i, a);
                    case "--min-neighbors" -> o.minNeighbors = integer(args, ++i, a, 0);
                    case "--min-size" -> o.minSize = integer(args, ++i, a, 0);
                    case "--max-size" -> o.maxSize = integer(args, ++i, a, 0);
                    case "--threads" -> o.threads = integer(args, ++i, a, 1);
                    case "--detector" -> {
                        o.detector = value(args, ++i, a).toLowerCase(Locale.ROOT);
                        if (!FaceDetectors.NAMES.contains(o.detector)) {
                            throw new IllegalArgumentException("unknown detector '" + o.detector + "' (available: "
                                    + String.join(", ", FaceDetectors.NAMES) + ")");
                        }
                    }
                    case "--blazeface-model" -> o.blazefaceModel = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.inputs.add(Path.of(a));
                    }
                }
            }
            if (!(o.scaleFactor > 1)) {
                throw new IllegalArgumentException("--scale-factor must be above 1, got " + o.scaleFactor);
            }
            if (o.blazefaceModel != null && !o.detector.equals("blazeface")) {
                throw new IllegalArgumentException("--blazeface-model needs --detector blazeface");
            }
            if (o.cascade != null && !o.detector.equals("haar")) {
                throw new IllegalArgumentException("--cascade needs --detector haar");
            }
            if (o.inputs.isEmpty() && !o.help) {
                throw new IllegalArgumentException("no INPUT given");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static double number(String[] args, int i, String option) {
            String v = value(args, i, option);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got '" + v + "'");
            }
        }

        private static int integer(String[] args, int i, String option, int min) {
            String v = value(args, i, option);
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
            }
            if (n < min) {
                throw new IllegalArgumentException(option + " must be >= " + min + ", got " + n);
            }
            return n;
        }
    }
}
