package dev.fer.bench.engine;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Benchmark figures in torch_bench.py's JSON shape, so ours and PyTorch's compare key by key:
 * {@code workloads.W1.train_img_s."2"}, {@code layers.C2.fwd_gflops."1"}, with per-figure
 * metadata beside them ({@code train_foreign_load."2"}, ...) and run metadata at the top.
 */
public final class Figures {
    public static final String WORKLOADS = "workloads";
    public static final String LAYERS = "layers";
    /** Suffix of a figure's host steal (cores the hypervisor took from our vCPUs while it was timed). */
    public static final String HOST_STEAL = "_host_steal";

    private final JsonObject root;

    public Figures() {
        this(new JsonObject());
    }

    private Figures(JsonObject root) {
        this.root = root;
        for (String section : new String[] {WORKLOADS, LAYERS}) {
            if (!root.has(section) || !root.get(section).isJsonObject()) {
                root.add(section, new JsonObject());
            }
        }
    }

    /** Wraps a torch_bench.py (or our runner's) JSON object. */
    public static Figures of(JsonObject json) {
        return new Figures(json);
    }

    /** Reads a figures file; the error names the file and what is wrong with it. */
    public static Figures read(Path file) throws IOException {
        JsonElement json;
        try {
            json = JsonParser.parseString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (!json.isJsonObject()) {
            throw new IOException(file + ": expected a JSON object with 'workloads' and 'layers'");
        }
        return of(json.getAsJsonObject());
    }

    /** The run metadata and figures object itself (to add top-level entries). */
    public JsonObject json() {
        return root;
    }

    /** The entry of one workload or layer ({@code section} = {@link #WORKLOADS} or {@link #LAYERS}). */
    public JsonObject entry(String section, String name) {
        JsonObject s = root.getAsJsonObject(section);
        if (!s.has(name)) {
            s.add(name, new JsonObject());
        }
        return s.getAsJsonObject(name);
    }

    public void put(String section, String name, String key, int threads, Number value) {
        JsonObject e = entry(section, name);
        if (!e.has(key)) {
            e.add(key, new JsonObject());
        }
        e.getAsJsonObject(key).addProperty(Integer.toString(threads), value);
    }

    /** A figure, or null when this file does not have it. */
    public Double get(String section, String name, String key, int threads) {
        JsonObject s = root.getAsJsonObject(section);
        if (!s.has(name) || !s.getAsJsonObject(name).has(key)) {
            return null;
        }
        JsonElement perThreads = s.getAsJsonObject(name).get(key);
        if (!perThreads.isJsonObject()) {
            return null;
        }
        JsonElement v = perThreads.getAsJsonObject().get(Integer.toString(threads));
        return v == null || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber() ? null : v.getAsDouble();
    }

    /** Largest {@code *_foreign_load} value over all figures, or NaN when there is none. */
    public double maxForeignLoad() {
        return max("_foreign_load");
    }

    /** Largest {@code *}{@value #HOST_STEAL} value over all figures (cores), or NaN when there is none. */
    public double maxHostSteal() {
        return max(HOST_STEAL);
    }

    private double max(String suffix) {
        double max = Double.NaN;
        for (String section : new String[] {WORKLOADS, LAYERS}) {
            for (var entry : root.getAsJsonObject(section).entrySet()) {
                for (var figure : entry.getValue().getAsJsonObject().entrySet()) {
                    if (figure.getKey().endsWith(suffix) && figure.getValue().isJsonObject()) {
                        for (var v : figure.getValue().getAsJsonObject().entrySet()) {
                            double x = v.getValue().getAsDouble();
                            max = Double.isNaN(max) ? x : Math.max(max, x);
                        }
                    }
                }
            }
        }
        return max;
    }

    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(root);
    }

    /** Writes the JSON atomically (temp file + rename). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, toJson() + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
