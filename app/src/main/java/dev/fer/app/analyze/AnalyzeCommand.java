package dev.fer.app.analyze;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.fer.engine.io.AtomicFiles;
import dev.fer.app.cli.Command;
import dev.fer.app.cli.AlignOptions;
import dev.fer.app.cli.ModelOptions;
import dev.fer.app.cli.Options;
import dev.fer.app.cli.Options.UsageException;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.cli.DetectorOptions;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.app.pipeline.Face;
import dev.fer.app.pipeline.FrameAnalyzer;
import dev.fer.app.record.CsvFrameWriter;
import dev.fer.app.record.JsonFrameWriter;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.capture.image.ImageFiles;
import dev.fer.capture.video.VideoFileSource;
import dev.fer.trainer.progress.ProgressBar;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code fer-app analyze INPUT... [--json FILE] [--csv FILE] [--plot FILE] [detector flags]}: the
 * faces and emotions of images, folders and videos, without a window.
 */
public final class AnalyzeCommand implements Command {
    private static final String USAGE = """
            usage: fer-app analyze INPUT... [--json FILE] [--csv FILE] [--plot FILE]
                                   [--scale-factor F] [--min-neighbors N] [--min-size S]
              INPUT     image files, video files, or folders (searched recursively)
              --json    every frame's faces, the errors and a summary, as one JSON object
              --csv     one row per face (a frame without faces is one 'no face' row)
              --plot    PNG: each emotion's probability over the frames (largest face)
            """ + DetectorOptions.usage(DetectionParams.DEFAULT) + ModelOptions.USAGE + AlignOptions.USAGE;

    private final PrintStream out;
    private final PrintStream err;
    /** {@code [3/150] }: where the run is, before each input's line. */
    private String progress = "";

    public AnalyzeCommand() {
        this(System.out, System.err);
    }

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String summary() {
        return "faces and emotions of images, folders and videos, as text, JSON, CSV and a plot";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (Options.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        DetectorOptions.CommandLine command;
        boolean align;
        try {
            command = DetectorOptions.parse(args, Set.of(ModelOptions.FLAG, AlignOptions.FLAG, "--json", "--csv",
                    "--plot"), Set.of(ModelOptions.TTA), DetectionParams.DEFAULT);
            align = AlignOptions.parse(command.options());
            if (command.options().positional().isEmpty()) {
                throw new UsageException("no input given");
            }
        } catch (UsageException e) {
            err.println("fer-app analyze: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Options o = command.options();
        DetectionParams settings = command.params();
        int threads = command.threads();
        Function<DetectionParams, FaceDetector> detectors = command.detectors();
        InputFiles.Expansion expansion = InputFiles.expand(o.positional());
        FrameAnalyzer analyzer;
        try {
            analyzer = new FrameAnalyzer(detectors.apply(settings), ModelOptions.load(o, threads));
        } catch (IOException e) {
            err.println("fer-app analyze: cannot load the emotion model: " + e.getMessage());
            return 1;
        }
        analyzer.setSmoothing(false);
        analyzer.setAlign(align);
        AnalysisSummary summary = new AnalysisSummary();
        for (InputFiles.Missing m : expansion.missing()) {
            err.println(m.path() + ": " + m.reason());
            summary.error(m.path(), m.reason());
        }
        List<AnalyzedFrame> frames = new ArrayList<>();
        int done = 0;
        for (InputFiles.Input input : expansion.inputs()) {
            progress = "[" + (++done) + "/" + expansion.inputs().size() + "] ";
            try {
                if (input.kind() == InputFiles.Kind.VIDEO) {
                    analyzeVideo(input, analyzer, frames, summary);
                } else {
                    analyzeImage(input, analyzer, frames, summary);
                }
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                err.println(progress + input.label() + ": skipped: " + reason);
                summary.error(input.label(), reason);
            }
        }
        out.print(summary.toText());
        writeOutputs(o, frames, summary);
        return summary.frames() == 0 && summary.errorCount() > 0 ? 1 : 0;
    }

    private void analyzeImage(InputFiles.Input input, FrameAnalyzer analyzer, List<AnalyzedFrame> frames,
                              AnalysisSummary summary) throws IOException {
        BufferedImage image = ImageFiles.read(input.file());
        analyzer.setTracking(false);
        List<Face> faces = analyzer.analyze(image, 0);
        AnalyzedFrame frame = new AnalyzedFrame(input.label(), 0, 0, 0, null, faces, 0);
        summary.countImage();
        record(frame, frames, summary);
        out.println(progress + input.label() + ": " + describe(faces));
    }

    /** Every frame of a video, with tracking (track ids link a face across frames) but raw probabilities. */
    private void analyzeVideo(InputFiles.Input input, FrameAnalyzer analyzer, List<AnalyzedFrame> frames,
                              AnalysisSummary summary) throws IOException {
        try (FrameSource source = FrameSources.open(input.file().toString(), CaptureOptions.defaults())) {
            long total = source instanceof VideoFileSource v ? v.info().frameCount() : 0;
            analyzer.setTracking(true);
            analyzer.reset();
            summary.countVideo();
            int count = 0;
            int withFaces = 0;
            ProgressBar bar = total > 0 ? new ProgressBar(err, input.label(), total, "frames") : null;
            try {
                Frame f;
                while ((f = source.next()) != null) {
                    List<Face> faces = analyzer.analyze(f.image(), f.timestampNanos() / 1e9);
                    source.recycle(f.image());
                    record(new AnalyzedFrame(input.label(), f.number(), 0, f.timestampNanos() / 1e9, null, faces, 0),
                            frames, summary);
                    count++;
                    withFaces += faces.isEmpty() ? 0 : 1;
                    if (bar != null) {
                        bar.step(1);
                    }
                }
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            out.println(progress + input.label() + ": " + count + " frames, " + withFaces + " with faces");
        }
    }

    private static void record(AnalyzedFrame frame, List<AnalyzedFrame> frames, AnalysisSummary summary) {
        frames.add(frame);
        summary.add(frame);
    }

    /** {@code 2 faces: happy 0.91, neutral 0.55} or {@code no face}. */
    static String describe(List<Face> faces) {
        if (faces.isEmpty()) {
            return "no face";
        }
        StringBuilder s = new StringBuilder().append(faces.size()).append(faces.size() == 1 ? " face: " : " faces: ");
        for (int i = 0; i < faces.size(); i++) {
            Face f = faces.get(i);
            s.append(i == 0 ? "" : ", ").append(f.top().label())
                    .append(String.format(Locale.ROOT, " %.2f", f.confidence()));
        }
        return s.toString();
    }

    private void writeOutputs(Options o, List<AnalyzedFrame> frames, AnalysisSummary summary) throws IOException {
        if (o.has("--json")) {
            JsonObject root = new JsonObject();
            JsonArray array = new JsonArray();
            for (AnalyzedFrame f : frames) {
                array.add(JsonFrameWriter.toJson(f, false));
            }
            root.add("frames", array);
            root.add("errors", summary.errorsJson());
            root.add("summary", summary.toJson());
            Path p = Path.of(o.get("--json", null));
            AtomicFiles.write(p, os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                new GsonBuilder().setPrettyPrinting().create().toJson(root, w);
                w.flush();
            });
            out.println("wrote " + p);
        }
        if (o.has("--csv")) {
            Path p = Path.of(o.get("--csv", null));
            AtomicFiles.write(p, os -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                CsvFrameWriter csv = new CsvFrameWriter(w, false);
                for (AnalyzedFrame f : frames) {
                    csv.write(f);
                }
                w.flush();
            });
            out.println("wrote " + p);
        }
        if (o.has("--plot")) {
            Path p = Path.of(o.get("--plot", null));
            if (frames.isEmpty()) {
                err.println("no frames to plot; " + p + " not written");
            } else {
                long sources = frames.stream().map(AnalyzedFrame::source).distinct().count();
                String title = sources == 1 ? "Emotions over time: " + frames.getFirst().source()
                        : "Emotions over " + frames.size() + " frames of " + sources + " inputs";
                TimelinePlot.write(frames, title, p);
                out.println("wrote " + p);
            }
        }
    }
}
