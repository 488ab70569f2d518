package dev.fer.trainer.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load found: faces loaded, and everything skipped (corrupt images, non-image files,
 * bad CSV rows, empty class folders), counted by reason with the first few examples named.
 * Thread-safe, so parallel decoders can report into one summary.
 */
public final class LoadSummary {
    private static final int EXAMPLES = 5;

    private final String source;
    private int loaded;
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final List<String> examples = new ArrayList<>();
    private boolean fromCache;

    public LoadSummary(String source) {
        this.source = source;
    }

    public synchronized void loaded(int n) {
        loaded += n;
    }

    /** Counts one skipped item under {@code reason}; {@code detail} names the file and what is wrong. */
    public synchronized void skip(String reason, String detail) {
        skipped.merge(reason, 1, Integer::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(detail);
        }
    }

    public synchronized int loaded() {
        return loaded;
    }

    public synchronized int skippedTotal() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int skipped(String reason) {
        return skipped.getOrDefault(reason, 0);
    }

    public synchronized boolean fromCache() {
        return fromCache;
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(loaded).append(" faces").append(fromCache ? " (from cache)" : "");
        if (!skipped.isEmpty()) {
            sb.append(", skipped ").append(skippedTotal()).append(" (");
            String sep = "";
            for (var e : skipped.entrySet()) {
                sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
                sep = ", ";
            }
            sb.append(')');
            for (String example : examples) {
                sb.append(System.lineSeparator()).append("  skipped ").append(example);
            }
        }
        return sb.toString();
    }

    synchronized void write(DataOutputStream out) throws IOException {
        out.writeInt(loaded);
        out.writeInt(skipped.size());
        for (var e : skipped.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeInt(examples.size());
        for (String example : examples) {
            out.writeUTF(example);
        }
    }

    static LoadSummary read(String source, DataInputStream in) throws IOException {
        LoadSummary summary = new LoadSummary(source);
        summary.fromCache = true;
        summary.loaded = in.readInt();
        for (int i = in.readInt(); i > 0; i--) {
            summary.skipped.put(in.readUTF(), in.readInt());
        }
        for (int i = in.readInt(); i > 0; i--) {
            summary.examples.add(in.readUTF());
        }
        return summary;
    }
}
