package dev.fer.app.ui;

import dev.fer.app.cli.AlignOptions;
import dev.fer.app.cli.Command;
import dev.fer.app.cli.ModelOptions;
import dev.fer.app.cli.Options;
import dev.fer.app.cli.Options.UsageException;
import dev.fer.app.cli.DetectorOptions;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.app.pipeline.FrameAnalyzer;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.FrameSources;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.swing.SwingUtilities;

/** {@code fer-app [--source SPEC] [--record FILE] ...}: the live window. */
public final class LiveCommand implements Command {
    static final String USAGE = """
            usage: fer-app [--source SPEC] [--record FILE.csv|FILE.json] [--resolution WxH] [--fps N]
                           [--no-tracking] [--no-smoothing] [--full-scans] [--snapshots DIR]
                           [--scale-factor F] [--min-neighbors N] [--min-size S] [--align on|off]
              --source     what to show (default: the first camera); also pickable in the window
            %s
              --record     write every processed frame's faces to CSV or JSON as they come
              --resolution camera or video frame size (default 640x480 for cameras)
              --fps        frame rate asked of the camera, or a file's playback rate
              --no-tracking, --no-smoothing
                           start with face tracking / smoothing of each face's probabilities off
              --full-scans scan every frame in full; by default only every 5th is, and the frames
                           between look for the tracked faces around where they were
              --snapshots  folder for snapshot PNGs and recordings picked in the window (default .)
            %s%s  keys: q/Esc quit, space pause, s snapshot, r record
            """.formatted(FrameSources.USAGE.indent(2).stripTrailing(), DetectorOptions.usage(DetectorOptions.LIVE),
                    ModelOptions.USAGE + AlignOptions.USAGE);

    @Override
    public String name() {
        return "live";
    }

    @Override
    public String summary() {
        return "the live window (the default when no command is given)";
    }

    @Override
    public int run(String[] args) throws Exception {
        if (Options.wantsHelp(args)) {
            System.out.print(USAGE);
            return 0;
        }
        DetectorOptions.CommandLine command;
        Options o;
        CaptureOptions capture;
        boolean align;
        try {
            command = DetectorOptions.parse(args,
                    Set.of(ModelOptions.FLAG, AlignOptions.FLAG, "--source", "--record", "--resolution", "--fps",
                            "--snapshots"),
                    Set.of("--no-tracking", "--no-smoothing", "--full-scans", ModelOptions.TTA), DetectorOptions.LIVE);
            o = command.options();
            align = AlignOptions.parse(o);
            if (!o.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + o.positional().getFirst() + "'");
            }
            capture = CaptureOptions.defaults().realtime(true).looping(true)
                    .withFps(o.getDouble("--fps", 0))
                    .withResolution(o.has("--resolution") ? CaptureOptions.parseResolution(o.get("--resolution", null)) : null);
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("fer-app: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (GraphicsEnvironment.isHeadless()) {
            System.err.println("""
                    fer-app: no display here (headless), so the live window cannot open.
                    To analyze images, folders or videos without a window, run:
                      java -jar fer-app.jar analyze INPUT... [--json FILE] [--csv FILE] [--plot FILE]""");
            return 3;
        }
        DetectionParams settings = command.params();
        int threads = command.threads();
        Function<DetectionParams, FaceDetector> detectors = command.detectors();
        String source = o.get("--source", "camera");
        if (isCamera(source) && !o.has("--resolution")) {
            capture = capture.withResolution(640, 480);
        }
        FrameAnalyzer analyzer;
        try {
            analyzer = new FrameAnalyzer(detectors.apply(settings), ModelOptions.load(o, threads));
        } catch (IOException e) {
            System.err.println("fer-app: cannot load the emotion model: " + e.getMessage());
            return 1;
        }
        analyzer.setTracking(!o.has("--no-tracking"));
        analyzer.setSmoothing(!o.has("--no-smoothing"));
        analyzer.setAlign(align);
        analyzer.setRegionScans(!o.has("--full-scans"));
        Path snapshots = Path.of(o.get("--snapshots", "."));
        Path record = o.has("--record") ? Path.of(o.get("--record", null)) : null;

        AtomicReference<LiveWindow> window = new AtomicReference<>();
        CaptureOptions options = capture;
        DetectionParams initial = settings;
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            LiveWindow.installLookAndFeel();
            LiveWindow w = new LiveWindow(analyzer, initial, detectors, options, snapshots);
            window.set(w);
            w.show();
            if (record != null) {
                try {
                    w.startRecording(record);
                } catch (IOException | IllegalArgumentException e) {
                    failure.set(e);
                    w.close();
                    return;
                }
            }
            w.openSource(source);
        });
        if (failure.get() != null) {
            System.err.println("fer-app: cannot record: " + failure.get().getMessage());
            return 1;
        }
        window.get().awaitClose();
        return 0;
    }

    private static boolean isCamera(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        return s.isEmpty() || s.startsWith("camera") || s.chars().allMatch(Character::isDigit);
    }
}
