package dev.fer.app.bench;

import dev.fer.app.cli.Command;
import dev.fer.app.cli.AlignOptions;
import dev.fer.app.cli.DetectorOptions;
import dev.fer.app.cli.ModelOptions;
import dev.fer.app.cli.Options;
import dev.fer.app.cli.Options.UsageException;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.app.pipeline.FrameAnalyzer;
import dev.fer.app.pipeline.LivePipeline;
import dev.fer.app.pipeline.PipelineStats;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.engine.io.AtomicFiles;
import dev.fer.trainer.model.EmotionClassifier;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * {@code fer-app bench --image PHOTO}: the live pipeline's speed on 640x480 frames with one face
 * and with five, measured two ways. Back to back: one frame after another through the analysis
 * (detect, crop, classify, track, smooth), which gives the most frames per second and the
 * per-frame latency, with every frame scanned in full and with the live window's region scans. Live: a 30 fps virtual camera through the real two-thread pipeline, which
 * gives the processed rate, the dropped frames and the capture-to-result latency a user sees.
 */
public final class BenchCommand implements Command {
    private static final String USAGE = """
            usage: fer-app bench --image PHOTO [--seconds N] [--fps N] [--scale-factor F] [--min-neighbors N] [--min-size S]
              --image    a photo with one clear frontal face; the 640x480 frames are made from it
              --seconds  how long each measurement runs (default 10)
              --fps      the virtual camera's rate for the live measurement (default 30)
            """ + DetectorOptions.usage(DetectorOptions.LIVE) + ModelOptions.USAGE + AlignOptions.USAGE;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "frames per second and latency of the live pipeline, one face and five";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (Options.wantsHelp(args)) {
            System.out.print(USAGE);
            return 0;
        }
        DetectorOptions.CommandLine command;
        Options o;
        double seconds;
        double fps;
        boolean align;
        try {
            command = DetectorOptions.parse(args, Set.of(ModelOptions.FLAG, AlignOptions.FLAG, "--image", "--seconds",
                    "--fps"), Set.of(ModelOptions.TTA), DetectorOptions.LIVE);
            o = command.options();
            align = AlignOptions.parse(o);
            seconds = o.getDouble("--seconds", 10);
            fps = o.getDouble("--fps", 30);
            if (!o.has("--image")) {
                throw new UsageException("--image is required");
            }
        } catch (UsageException e) {
            System.err.println("fer-app bench: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        DetectionParams params = command.params();
        int threads = command.threads();
        Function<DetectionParams, FaceDetector> detectors = command.detectors();
        Path imagePath = Path.of(o.get("--image", null));
        BufferedImage photo = ImageIO.read(imagePath.toFile());
        if (photo == null) {
            System.err.println("fer-app bench: " + imagePath + " is not an image that can be read");
            return 1;
        }
        EmotionClassifier classifier;
        try {
            classifier = ModelOptions.load(o, threads);
        } catch (java.io.IOException e) {
            System.err.println("fer-app bench: cannot load the emotion model: " + e.getMessage());
            return 1;
        }
        BufferedImage one = BenchFrames.webcamFrame(photo);
        FrameAnalyzer probe = new FrameAnalyzer(detectors.apply(params), classifier);
        List<Face> faces = probe.analyze(one, 0);
        if (faces.isEmpty()) {
            System.err.println("fer-app bench: no face found in " + imagePath + " at 640x480; pick a photo with a clear frontal face");
            return 1;
        }
        Face largest = faces.stream().max((a, b) -> Long.compare(a.area(), b.area())).orElseThrow();
        BufferedImage five = BenchFrames.fiveFaces(one, largest.box());
        System.out.printf(Locale.ROOT, "fer-app bench: 640x480 frames from %s, detector %s (%.2f, %d, %d), model %s,"
                        + " %d threads on %d cores%n",
                imagePath, probe.detector().name(), params.scaleFactor(), params.minNeighbors(), params.minSize(),
                o.get(ModelOptions.FLAG, "bundled"), threads, Runtime.getRuntime().availableProcessors());
        for (BufferedImage frame : List.of(one, five)) {
            FrameAnalyzer analyzer = new FrameAnalyzer(detectors.apply(params), classifier);
            analyzer.setAlign(align);
            int found = analyzer.analyze(frame, 0).size();
            String label = found + (found == 1 ? " face " : " faces");
            backToBack(analyzer, frame, seconds, label + " full scans  ");
            analyzer.setRegionScans(true);
            backToBack(analyzer, frame, seconds, label + " region scans");
            live(analyzer, frame, seconds, fps, label + " region scans");
        }
        return 0;
    }

    private static void backToBack(FrameAnalyzer analyzer, BufferedImage frame, double seconds, String label) {
        long warmEnd = System.nanoTime() + 4_000_000_000L; // JIT and the model's buffers
        while (System.nanoTime() < warmEnd) {
            analyzer.analyze(frame, 0);
        }
        long[] times = new long[100_000];
        long[] detect = new long[times.length];
        long[] classify = new long[times.length];
        int n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long t = start;
        while (t < end && n < times.length) {
            analyzer.analyze(frame, (t - start) / 1e9);
            long now = System.nanoTime();
            detect[n] = analyzer.lastDetectNanos();
            classify[n] = analyzer.lastClassifyNanos();
            times[n++] = now - t;
            t = now;
        }
        System.out.printf(Locale.ROOT, "  %s back to back: %6.1f fps   latency p50 %5.1f ms  p95 %5.1f ms"
                        + "   (detect p50 %.1f ms, crop+classify p50 %.1f ms; %d frames)%n",
                label, n / ((t - start) / 1e9), percentile(times, n, 0.5), percentile(times, n, 0.95),
                percentile(detect, n, 0.5), percentile(classify, n, 0.5), n);
    }

    /** The {@code q} quantile of the first {@code n} values, in milliseconds. */
    private static double percentile(long[] values, int n, double q) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) (n * q))] / 1e6;
    }

    private static void live(FrameAnalyzer analyzer, BufferedImage frame, double seconds, double fps, String label)
            throws Exception {
        Path tmp = Files.createTempFile("fer-bench", ".png");
        try {
            AtomicFiles.write(tmp, out -> ImageIO.write(frame, "png", out));
            FrameSource source = FrameSources.open("virtual:" + tmp,
                    CaptureOptions.defaults().withFps(fps).realtime(true).looping(true));
            AtomicInteger processed = new AtomicInteger();
            double[] latencySum = new double[1];
            try (LivePipeline pipeline = new LivePipeline(analyzer, new LivePipeline.Listener() {
                @Override
                public void frameAnalyzed(AnalyzedFrame f) {
                    processed.incrementAndGet();
                    latencySum[0] += f.latencyNanos() / 1e6;
                }

                @Override
                public void sourceEnded(String s, Exception error) {
                    System.err.println("  source ended: " + (error == null ? s : error.getMessage()));
                }
            })) {
                pipeline.setSource(source);
                Thread.sleep(3000); // warm-up
                int p0 = processed.get();
                double l0 = latencySum[0];
                long dropped0 = pipeline.stats().dropped();
                long start = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                double elapsed = (System.nanoTime() - start) / 1e9;
                int p = processed.get() - p0;
                PipelineStats s = pipeline.stats();
                System.out.printf(Locale.ROOT,
                        "  %s live at %.0f fps:  capture %5.1f fps  processed %5.1f fps  mean latency %5.1f ms  dropped %d%n",
                        label, fps, s.captureFps(), p / elapsed, (latencySum[0] - l0) / Math.max(1, p),
                        s.dropped() - dropped0);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
