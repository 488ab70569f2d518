package dev.fer.trainer.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A console progress bar: {@code label [#####.....] 1234/28709 4% 312 img/s ETA 1:29 extra}.
 * On a terminal it redraws one line (at most 8 times a second); when the output is a file (nohup,
 * CI logs) it prints a plain line every 10% or every 30 seconds instead, so logs stay readable.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 125_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastDecile = -1;
    private long done;
    private Supplier<String> extra = () -> "";

    public ProgressBar(PrintStream out, String label, long total, String unit) {
        this(out, label, total, unit, isTerminal());
    }

    ProgressBar(PrintStream out, String label, long total, String unit, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.terminal = terminal;
    }

    private static boolean isTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    /** Text appended after the ETA, e.g. running loss and accuracy; evaluated only when drawing. */
    public ProgressBar extra(Supplier<String> extra) {
        this.extra = extra;
        return this;
    }

    public synchronized void step(long n) {
        set(done + n);
    }

    public synchronized void set(long doneNow) {
        done = Math.min(doneNow, total);
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDraw >= REDRAW_NANOS || done == total) {
                lastDraw = now;
                out.print("\r" + line(now) + "\033[K");
                out.flush();
            }
        } else {
            int decile = (int) (done * 10 / total);
            if ((decile != lastDecile || now - lastDraw >= LOG_NANOS) && done < total) {
                lastDecile = decile;
                lastDraw = now;
                out.println(line(now));
            }
        }
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        long now = System.nanoTime();
        out.print((terminal ? "\r" : "") + line(now) + (terminal ? "\033[K" : "") + System.lineSeparator());
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        int filled = (int) (WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = done >= total ? "done in " + clock(seconds)
                : rate > 0 ? "ETA " + clock((total - done) / rate) : "ETA --:--";
        String tail = extra.get();
        return String.format(Locale.ROOT, "%s [%s] %d/%d %3d%% %.0f %s/s %s%s", label, bar, done, total,
                (int) (100 * done / total), rate, unit, eta, tail.isEmpty() ? "" : "  " + tail);
    }

    /** h:mm:ss, or m:ss under an hour. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
