package dev.fer.app.ui;

import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.record.FrameWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The recording the window may be making: started and stopped on the EDT, written to on the
 * analysis thread; the lock keeps a frame from being written into a file that is being closed.
 */
final class Recording {
    private FrameWriter writer;
    private Path file;
    private IOException failure;

    synchronized void start(Path target) throws IOException {
        stop();
        writer = FrameWriter.open(target);
        file = target;
        failure = null;
    }

    /** Writes the frame if recording; a write error stops the recording and is kept for the UI. */
    synchronized void write(AnalyzedFrame frame) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(frame);
        } catch (IOException e) {
            failure = e;
            stop();
        }
    }

    synchronized void stop() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = e;
            }
            writer = null;
        }
    }

    synchronized boolean active() {
        return writer != null;
    }

    /** The file of the current or last recording. */
    synchronized Path file() {
        return file;
    }

    /** The error that ended the last recording, once; null if none. */
    synchronized IOException takeFailure() {
        IOException e = failure;
        failure = null;
        return e;
    }
}
