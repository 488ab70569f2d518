package dev.fer.capture.tool;

import dev.fer.capture.CameraInfo;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code capture-check [--list-cameras] [--source SPEC] [--frames N] [--fps F] [--resolution WxH]
 * [--loop] [--realtime]}: lists the cameras and reads frames from a source, reporting what it is,
 * how many frames came and at what rate. For checking a camera or a file before running the app,
 * and for measuring capture speed. The app can offer it as a subcommand through {@link #run}.
 */
public final class CaptureCheck {
    private static final String USAGE = """
            usage: capture-check [--list-cameras] [--source SPEC] [--frames N] [--fps F] [--resolution WxH] [--loop] [--realtime]
              --list-cameras   list the cameras (index, name, sizes)
              --source SPEC    read frames from SPEC and report the rate
              --frames N       read at most N frames (default 100)
              --fps F          wanted frame rate; --resolution WxH wanted size
              --loop           start files over at their end; --realtime play files at their frame rate
            """ + FrameSources.USAGE;

    private CaptureCheck() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; returns 0 on success, 1 when a source failed, 2 for bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CaptureOptions options = CaptureOptions.defaults();
        boolean list = false;
        String spec = null;
        long frames = 100;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--list-cameras" -> list = true;
                    case "--source" -> spec = value(args, ++i, "--source");
                    case "--frames" -> frames = Long.parseLong(value(args, ++i, "--frames"));
                    case "--fps" -> options = options.withFps(Double.parseDouble(value(args, ++i, "--fps")));
                    case "--resolution" -> options = options.withResolution(
                            CaptureOptions.parseResolution(value(args, ++i, "--resolution")));
                    case "--loop" -> options = options.looping(true);
                    case "--realtime" -> options = options.realtime(true);
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("capture-check: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (!list && spec == null) {
            err.print(USAGE);
            return 2;
        }
        int status = 0;
        if (list) {
            status = listCameras(out, err);
        }
        if (spec != null) {
            status = Math.max(status, read(spec, options, frames, out, err));
        }
        return status;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int listCameras(PrintStream out, PrintStream err) {
        try {
            List<CameraInfo> cameras = FrameSources.cameras();
            out.println(cameras.isEmpty() ? "no cameras" : cameras.size() + " camera(s):");
            cameras.forEach(c -> out.println("  " + c));
            return 0;
        } catch (CaptureException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int read(String spec, CaptureOptions options, long limit, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        try (FrameSource source = FrameSources.open(spec, options)) {
            long opened = System.nanoTime();
            out.printf(Locale.ROOT, "%s: %dx%d, nominal %.2f fps, %s, opened in %.0f ms%n", source.describe(),
                    source.size().width, source.size().height, source.fps(), source.isLive() ? "live" : "file",
                    (opened - start) / 1e6);
            long count = 0;
            long pixels = 0;
            long firstAt = 0;
            long lastAt = 0;
            Frame last = null;
            while (count < limit) {
                Frame frame = source.next();
                if (frame == null) {
                    break;
                }
                lastAt = System.nanoTime();
                firstAt = count == 0 ? lastAt : firstAt;
                count++;
                pixels += (long) frame.width() * frame.height();
                last = frame;
                source.recycle(frame.image());
                if (count % 25 == 0 && System.console() != null) {
                    progress(out, count, limit, opened);
                }
            }
            if (System.console() != null && count >= 25) {
                out.println();
            }
            if (last == null) {
                out.println("no frames");
            } else {
                // the rate after the first frame leaves out start-up (ffmpeg launching, a camera waking)
                double steady = (lastAt - firstAt) / 1e9;
                out.printf(Locale.ROOT, "first frame after %.0f ms; %d frames, %s; last frame %d at %.3f s%n",
                        (firstAt - opened) / 1e6, count, count < 2 || steady <= 0 ? "too few to time"
                                : String.format(Locale.ROOT, "%.1f frames/s, %.1f megapixels/s after the first",
                                        (count - 1) / steady, pixels * (count - 1.0) / count / 1e6 / steady),
                        last.number(), last.timestampNanos() / 1e9);
            }
            List<String> skipped = source.skipped();
            if (!skipped.isEmpty()) {
                out.println(skipped.size() + " skipped:");
                skipped.forEach(s -> out.println("  " + s));
            }
            return 0;
        } catch (CaptureException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static void progress(PrintStream out, long count, long limit, long since) {
        double seconds = (System.nanoTime() - since) / 1e9;
        double rate = count / seconds;
        int width = 30;
        int filled = (int) Math.min(width, width * count / Math.max(1, limit));
        out.printf(Locale.ROOT, "\r[%s%s] %d/%d frames, %.1f/s, ETA %.1f s", "#".repeat(filled), " ".repeat(width - filled),
                count, limit, rate, (limit - count) / rate);
        out.flush();
    }
}
