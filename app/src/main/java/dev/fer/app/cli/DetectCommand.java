package dev.fer.app.cli;

import dev.fer.app.cli.Options.UsageException;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        if (Options.wantsHelp(args)) {
            System.out.print(USAGE);
            return 0;
        }
        DetectorOptions.CommandLine command;
        try {
            command = DetectorOptions.parse(args, Set.of("--json", "--cascade", "--max-size"), Set.of("--time"),
                    DetectionParams.DEFAULT);
            if (command.options().has("--cascade")
                    && !command.options().get("--detector", FaceDetectors.DEFAULT).equalsIgnoreCase("haar")) {
                throw new UsageException("--cascade needs --detector haar");
            }
            if (command.options().positional().isEmpty()) {
                throw new UsageException("no INPUT given");
            }
        } catch (UsageException e) {
            System.err.println("fer-app detect: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        Options o = command.options();
        DetectionParams params = command.params();
        boolean time = o.has("--time");
        Path json = o.has("--json") ? Path.of(o.get("--json", null)) : null;
        List<Path> inputs = o.positional().stream().map(Path::of).toList();
        Map<String, Path> images = new TreeMap<>();
        for (Path input : inputs) {
            if (!collect(input, images)) {
                return 2;
            }
        }
        if (images.isEmpty()) {
            System.err.println("fer-app detect: no images in " + inputs);
            return 2;
        }
        FaceDetector detector;
        try {
            detector = o.has("--cascade")
                    ? new HaarCascadeDetector(Cascade.load(Path.of(o.get("--cascade", null))), params, command.threads())
                    : command.detectors().apply(params);
        } catch (RuntimeException e) {
            System.err.println("fer-app detect: " + e.getMessage());
            return 2;
        }
        HaarCascadeDetector haar = detector instanceof HaarCascadeDetector h ? h : null;

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
            GrayImage gray = haar != null ? GrayImage.of(img) : null;
            BufferedImage colour = img;
            Supplier<List<FaceBox>> detection = haar != null ? () -> haar.detect(gray) : () -> detector.detect(colour);
            long t0 = System.nanoTime();
            List<FaceBox> found = detection.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (time) {
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
        if (json != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("detector", detector.name());
            if (haar != null) {
                p.put("scaleFactor", params.scaleFactor());
                p.put("minNeighbors", params.minNeighbors());
                p.put("minSize", List.of(params.minSize(), params.minSize()));
                p.put("maxSize", params.maxSize() == 0 ? null : List.of(params.maxSize(), params.maxSize()));
                p.put("cascade_file", Path.of(haar.cascade().name()).getFileName().toString());
            } else if (detector instanceof BlazeFaceDetector bf) {
                p.put("blazeface_model", o.get("--blazeface-model", "full"));
                p.put("blazeface_variant", bf.variant().name());
            }
            p.put("threads", command.threads());
            if (time) {
                p.put("timed_runs", TIMED_RUNS);
                p.put("warmup_runs", 1);
                p.put("timing_scope", haar != null ? "detection only (decode and grey conversion excluded)"
                        : "detection only (decode excluded; letterbox, network, decoding and NMS included)");
            }
            p.put("skipped_unreadable", corrupt);
            new DetectionsFile(p, detections, timing).write(json);
            System.out.println("wrote " + json);
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
}
