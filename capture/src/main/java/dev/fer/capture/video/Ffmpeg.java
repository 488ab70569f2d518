package dev.fer.capture.video;

import dev.fer.capture.CaptureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code ffmpeg} and {@code ffprobe} command-line tools: probing a video and starting a decoder
 * that writes raw BGR frames to a pipe. Using the CLI keeps native code out of the JVM and works with
 * whatever codecs the installed ffmpeg has.
 */
public final class Ffmpeg {
    private static final long PROBE_TIMEOUT_SECONDS = 30;

    private final String ffmpeg;
    private final String ffprobe;

    /** @param ffmpeg the ffmpeg executable (a name on the PATH or a path); ffprobe is taken from beside it */
    public Ffmpeg(String ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = sibling(ffmpeg, "ffprobe");
    }

    /** {@code /opt/ff/bin/ffmpeg} gives {@code /opt/ff/bin/ffprobe}; a bare name gives the bare name. */
    private static String sibling(String executable, String tool) {
        Path path = Path.of(executable);
        String name = path.getFileName().toString().replace("ffmpeg", tool);
        Path parent = path.getParent();
        return parent == null ? name : parent.resolve(name).toString();
    }

    /**
     * Reads the size, rate, length and rotation of the first video stream.
     *
     * @throws CaptureException when ffprobe is missing, or the file is not a video it can read
     */
    public VideoInfo probe(Path video) throws CaptureException {
        List<String> command = List.of(ffprobe, "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=width,height,sample_aspect_ratio,avg_frame_rate,r_frame_rate,nb_frames"
                        + ":stream_tags=rotate:stream_side_data=rotation",
                "-of", "default=noprint_wrappers=1", video.toString());
        Process process = start(command, video);
        try {
            process.getOutputStream().close();
            StreamTail errors = StreamTail.drain(process.getErrorStream(), "ffprobe-stderr");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new CaptureException(video + ": ffprobe did not answer within " + PROBE_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new CaptureException(video + ": not a video ffmpeg can read (" + errors.text(process) + ")");
            }
            return parse(video, out);
        } catch (CaptureException e) {
            throw e;
        } catch (IOException e) {
            throw new CaptureException(video + ": reading ffprobe's answer failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException(video + ": interrupted while probing", e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static VideoInfo parse(Path video, String probeOutput) throws CaptureException {
        Map<String, String> values = new HashMap<>();
        for (String line : probeOutput.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq).trim().toLowerCase(Locale.ROOT), line.substring(eq + 1).trim());
            }
        }
        int width = intValue(values.get("width"), -1);
        int height = intValue(values.get("height"), -1);
        if (width <= 0 || height <= 0) {
            throw new CaptureException(video + ": has no video stream (ffprobe found no picture size)");
        }
        String rate = values.getOrDefault("avg_frame_rate", "0/0");
        double fps = rational(rate);
        if (!(fps > 0)) {
            rate = values.getOrDefault("r_frame_rate", "0/0");
            fps = rational(rate);
        }
        if (!(fps > 0) || fps > 1000) {
            rate = "25";
            fps = 25;
        }
        int rotation = Math.floorMod(intValue(values.getOrDefault("rotation", values.get("rotate")), 0), 360);
        // "0:1" or "N/A" when the container does not say: square pixels
        double aspect = rational(values.getOrDefault("sample_aspect_ratio", "1").replace(':', '/'));
        return new VideoInfo(width, height, rate, fps, intValue(values.get("nb_frames"), -1), rotation,
                aspect > 0 ? aspect : 1);
    }

    private static int intValue(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return (int) Math.round(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double rational(String text) {
        String[] parts = text.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : num / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Starts a decoder writing {@code width x height} BGR frames (3 bytes a pixel, rows top down,
     * exactly the layout of {@code TYPE_3BYTE_BGR}) at a constant {@code frameRate} to its standard
     * output.
     */
    public Process decode(Path video, int width, int height, String frameRate) throws CaptureException {
        List<String> command = List.of(ffmpeg, "-nostdin", "-hide_banner", "-v", "error",
                "-i", video.toString(), "-map", "0:v:0", "-an", "-sn",
                "-vf", "fps=" + frameRate + ",scale=" + width + ":" + height,
                "-f", "rawvideo", "-pix_fmt", "bgr24", "pipe:1");
        Process process = start(command, video);
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // ffmpeg got -nostdin; a stdin that cannot be closed does not matter
        }
        return process;
    }

    private Process start(List<String> command, Path video) throws CaptureException {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new CaptureException("Cannot play " + video + ": " + command.getFirst()
                    + " is not installed or not on the PATH (" + e.getMessage() + "). Install ffmpeg"
                    + " (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg), point"
                    + " -Dfer.ffmpeg at it, or give a folder of the video's frames as --source.", e);
        }
    }

    /** Keeps the last few kilobytes a process writes to a stream, read on a daemon thread. */
    static final class StreamTail {
        private static final int KEEP = 4000;
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        private StreamTail(InputStream in, String name) {
            reader = Thread.ofPlatform().daemon().name(name).unstarted(() -> pump(in));
            reader.start();
        }

        static StreamTail drain(InputStream in, String name) {
            return new StreamTail(in, name);
        }

        private void pump(InputStream in) {
            byte[] buffer = new byte[1024];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (text) {
                        text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (text.length() > KEEP) {
                            text.delete(0, text.length() - KEEP);
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read so far is the message
            }
        }

        /** The text so far, on one line, once the process has ended (waits briefly for the reader). */
        String text(Process process) {
            if (!process.isAlive()) {
                try {
                    reader.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (text) {
                String s = text.toString().strip().replaceAll("\\s*\\R\\s*", "; ");
                return s.isEmpty() ? "exit code " + (process.isAlive() ? "unknown" : process.exitValue()) : s;
            }
        }
    }
}
