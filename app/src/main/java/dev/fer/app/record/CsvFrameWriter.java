package dev.fer.app.record;

import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.trainer.model.Emotion;
import java.io.IOException;
import java.io.Writer;

/**
 * One CSV row per face; a frame without faces is one row whose {@code top} is {@code no face}.
 * Columns: {@code [timestamp,] source, frame, time_s, track, x, y, w, h}, the seven
 * probabilities by lowercase class name, {@code top}, {@code confidence}.
 */
public final class CsvFrameWriter implements FrameWriter {
    private final Writer out;
    private final boolean wallClock;
    private final StringBuilder line = new StringBuilder(256);

    /** @param wallClock whether rows start with the frame's ISO-8601 capture time */
    public CsvFrameWriter(Writer out, boolean wallClock) throws IOException {
        this.out = out;
        this.wallClock = wallClock;
        if (wallClock) {
            line.append("timestamp,");
        }
        line.append("source,frame,time_s,track,x,y,w,h");
        for (Emotion e : FrameFormat.EMOTIONS) {
            line.append(',').append(e.label());
        }
        line.append(",top,confidence\n");
        out.write(line.toString());
        out.flush();
    }

    @Override
    public void write(AnalyzedFrame frame) throws IOException {
        line.setLength(0);
        if (frame.faces().isEmpty()) {
            start(frame);
            line.append(",,,,,");
            line.append(",".repeat(FrameFormat.EMOTIONS.length));
            line.append(',').append(FrameFormat.NO_FACE).append(",\n");
        }
        for (Face face : frame.faces()) {
            start(frame);
            line.append(',').append(face.trackId());
            for (int v : FrameFormat.box(face)) {
                line.append(',').append(v);
            }
            for (Emotion e : FrameFormat.EMOTIONS) {
                line.append(',').append(FrameFormat.decimal(face.probability(e)));
            }
            line.append(',').append(face.top().label());
            line.append(',').append(FrameFormat.decimal(face.confidence())).append('\n');
        }
        out.write(line.toString());
        out.flush();
    }

    private void start(AnalyzedFrame frame) {
        if (wallClock) {
            line.append(FrameFormat.timestamp(frame)).append(',');
        }
        line.append(quote(frame.source())).append(',').append(frame.frameNumber())
                .append(',').append(FrameFormat.roundSeconds(frame.seconds()));
    }

    /** RFC 4180 quoting for a field that may hold commas or quotes (file names do). */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
