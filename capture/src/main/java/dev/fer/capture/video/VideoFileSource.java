package dev.fer.capture.video;

import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.Frame;
import dev.fer.capture.FrameSource;
import dev.fer.capture.support.BgrImages;
import dev.fer.capture.support.FramePool;
import dev.fer.capture.support.Pacer;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A video file decoded by an {@code ffmpeg} child process that pipes raw BGR frames, at a constant
 * rate (the file's own or {@link CaptureOptions#fps()}) and size (the file's own, rotation applied,
 * or {@link CaptureOptions#resolution()}).
 */
public final class VideoFileSource implements FrameSource {
    private final Path file;
    private final Ffmpeg ffmpeg;
    private final VideoInfo info;
    private final int width;
    private final int height;
    private final String frameRate;
    private final double fps;
    private final boolean loop;
    private final boolean realtime;
    private final Pacer pacer = new Pacer();
    private final FramePool pool = new FramePool();

    private Process decoder;
    private Ffmpeg.StreamTail errors;
    private InputStream pixels;
    private long delivered;
    private long deliveredThisPass;
    private volatile boolean closed;

    private VideoFileSource(Path file, Ffmpeg ffmpeg, VideoInfo info, CaptureOptions options) {
        this.file = file;
        this.ffmpeg = ffmpeg;
        this.info = info;
        Dimension wanted = options.resolution();
        this.width = wanted != null ? wanted.width : info.displayWidth();
        this.height = wanted != null ? wanted.height : info.displayHeight();
        this.frameRate = options.fps() > 0 ? String.format(Locale.ROOT, "%.6f", options.fps()) : info.frameRate();
        this.fps = options.fps() > 0 ? options.fps() : info.fps();
        this.loop = options.loop();
        this.realtime = options.realtime();
    }

    /**
     * Probes the file and starts the decoder.
     *
     * @throws CaptureException when ffmpeg is missing or the file is not a readable video
     */
    public static VideoFileSource open(Path file, CaptureOptions options) throws CaptureException {
        Ffmpeg ffmpeg = new Ffmpeg(options.ffmpeg());
        VideoFileSource source = new VideoFileSource(file, ffmpeg, ffmpeg.probe(file), options);
        source.startDecoder();
        return source;
    }

    private synchronized void startDecoder() throws CaptureException {
        decoder = ffmpeg.decode(file, width, height, frameRate);
        errors = Ffmpeg.StreamTail.drain(decoder.getErrorStream(), "ffmpeg-stderr");
        pixels = new BufferedInputStream(decoder.getInputStream(), 1 << 16);
        deliveredThisPass = 0;
    }

    @Override
    public Frame next() throws CaptureException {
        while (!closed) {
            BufferedImage image = pool.take(width, height);
            byte[] data = BgrImages.bytes(image);
            int read = readFully(data);
            if (read == data.length) {
                long timestamp = Math.round(delivered * 1e9 / fps);
                if (realtime) {
                    pacer.awaitDue(timestamp, () -> closed);
                }
                if (closed) {
                    return null;
                }
                deliveredThisPass++;
                return new Frame(image, delivered++, timestamp, file.toString());
            }
            pool.give(image);
            if (closed) {
                return null;
            }
            int exit = awaitExit();
            if (exit != 0 || read > 0) {
                throw new CaptureException(file + ": decoding failed after " + delivered + " frames ("
                        + errors.text(decoder) + ")");
            }
            if (deliveredThisPass == 0) {
                throw new CaptureException(file + ": the video has no frames ffmpeg can decode ("
                        + errors.text(decoder) + ")");
            }
            if (!loop) {
                return null;
            }
            startDecoder();
        }
        return null;
    }

    /** Fills {@code data} from the pipe; returns fewer bytes only at the end of the stream. */
    private int readFully(byte[] data) throws CaptureException {
        int total = 0;
        try {
            while (total < data.length) {
                int n = pixels.read(data, total, data.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            if (!closed) {
                throw new CaptureException(file + ": reading frames from ffmpeg failed (" + e.getMessage() + ")", e);
            }
        }
        return total;
    }

    private int awaitExit() throws CaptureException {
        try {
            if (!decoder.waitFor(10, TimeUnit.SECONDS)) {
                decoder.destroyForcibly();
                throw new CaptureException(file + ": ffmpeg closed its output but did not exit");
            }
            return decoder.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException(file + ": interrupted while waiting for ffmpeg", e);
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "video %s (%dx%d, %.3g fps%s)", file, width, height, fps,
                info.frameCount() >= 0 ? ", " + info.frameCount() + " frames" : "");
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public Dimension size() {
        return new Dimension(width, height);
    }

    @Override
    public boolean isLive() {
        return false;
    }

    @Override
    public void recycle(BufferedImage image) {
        pool.give(image);
    }

    /** What ffprobe said about the file. */
    public VideoInfo info() {
        return info;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (decoder != null) {
            decoder.destroyForcibly();
            try {
                pixels.close();
            } catch (IOException e) {
                // closing a pipe of a killed process: nothing left to release
            }
        }
    }
}
