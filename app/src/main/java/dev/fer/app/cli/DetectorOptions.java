package dev.fer.app.cli;

import dev.fer.app.cli.Options.UsageException;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.FaceDetectors;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** The detector flags every command that finds faces takes, and the detector they make. */
public final class DetectorOptions {
    private DetectorOptions() {}

    /**
     * {@code --scale-factor F}, {@code --min-neighbors N}, {@code --min-size S} (OpenCV's meanings),
     * {@code --detector haar|blazeface}, {@code --blazeface-model short|full|FILE}.
     */
    public static final Set<String> FLAGS = Set.of("--scale-factor", "--min-neighbors", "--min-size", Options.THREADS,
            "--detector", "--blazeface-model");

    /**
     * The live window's defaults: OpenCV's, but faces from 80 px. A face in front of a 640x480
     * webcam is larger than that, and the small scales it skips are most of the cascade's work.
     */
    public static final DetectionParams LIVE = new DetectionParams(1.1, 5, 80, 0);

    /** The usage lines of the flags, with the defaults {@code d}. */
    public static String usage(DetectionParams d) {
        return """
                  --scale-factor F   pyramid step (default %s; smaller finds more faces, slower)
                  --min-neighbors N  overlapping hits a face needs (default %d; smaller: more faces, more false ones)
                  --min-size S       smallest face side in pixels (default %d)
                  --threads N        threads for detection and classification (default: all %d cores)
                  --detector NAME    haar (default: the Viola-Jones cascade, the flags above) or blazeface
                                     (MediaPipe's CNN: finds turned and tilted faces too, gives eye positions)
                  --blazeface-model M  short (faces within ~2 m), full (default) or a BlazeFace .tflite file
                """.formatted(d.scaleFactor(), d.minNeighbors(), d.minSize(), Runtime.getRuntime().availableProcessors());
    }

    /** A command line with the detector flags read: its options, and the detector they choose. */
    public record CommandLine(Options options, DetectionParams params, int threads,
            Function<DetectionParams, FaceDetector> detectors) {}

    /**
     * Parses the command line of a command that finds faces: the detector {@link #FLAGS} beside the
     * command's own options {@code withValue} and {@code switches}; cascade parameters left out are
     * {@code defaults}'. A missing BlazeFace model is reported here, before the command starts.
     */
    public static CommandLine parse(String[] args, Set<String> withValue, Set<String> switches, DetectionParams defaults)
            throws UsageException {
        Set<String> all = new HashSet<>(FLAGS);
        all.addAll(withValue);
        Options o = Options.parse(args, all, switches);
        DetectionParams params = parse(o, defaults);
        int threads = o.threads();
        return new CommandLine(o, params, threads, factory(o, threads));
    }

    /**
     * The parameters the flags give, {@code d}'s for those left out. {@code --max-size} is read too,
     * for the commands that take it (detect).
     */
    public static DetectionParams parse(Options o, DetectionParams d) throws UsageException {
        try {
            return new DetectionParams(
                    o.getDouble("--scale-factor", d.scaleFactor()),
                    o.getInt("--min-neighbors", d.minNeighbors()),
                    o.getInt("--min-size", d.minSize()),
                    o.getInt("--max-size", d.maxSize()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * What makes the detector {@code --detector} chooses, for given cascade parameters (the live
     * window makes a new one when its sensitivity changes). The BlazeFace detector is loaded here,
     * once, so a missing or bad model is reported before anything starts; the cascade parameters
     * do not apply to it.
     */
    public static Function<DetectionParams, FaceDetector> factory(Options o, int threads) throws UsageException {
        String name = o.get("--detector", FaceDetectors.DEFAULT);
        FaceDetectors.Options options = FaceDetectors.Options.DEFAULT.withThreads(threads)
                .withBlazefaceModel(o.get("--blazeface-model", null));
        if (o.has("--blazeface-model") && !name.equalsIgnoreCase("blazeface")) {
            throw new UsageException("--blazeface-model needs --detector blazeface");
        }
        try {
            if (name.equalsIgnoreCase("haar")) {
                return params -> FaceDetectors.create(name, options.withHaarParams(params));
            }
            FaceDetector loaded = FaceDetectors.create(name, options);
            return params -> loaded;
        } catch (RuntimeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The bundled frontal-face cascade with these parameters, on every core. */
    public static HaarCascadeDetector detector(DetectionParams params) {
        return new HaarCascadeDetector(Cascade.frontalFace(), params);
    }

    /** The same parameters with another neighbour count (the window's sensitivity). */
    public static DetectionParams withMinNeighbors(DetectionParams p, int minNeighbors) {
        return new DetectionParams(p.scaleFactor(), minNeighbors, p.minSize(), p.maxSize());
    }
}
