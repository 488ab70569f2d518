package dev.fer.bench.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Turns JMH's JSON result file ({@code -rf json}) of this package's benchmarks into
 * {@link Figures} with torch_bench.py's keys: ours from the engine benchmarks, the peer's from
 * {@link OnnxRuntimeBenchmark}. Every figure is the median (p0.50) of its per-call samples, as
 * torch_bench.py reports the median of its timed calls: a rate is the items of one call over the
 * median call. A throughput-mode record (an older result file) gives its mean score instead.
 */
public final class JmhResults {
    private static final String GC_NORM = "gc.alloc.rate.norm";

    private final Figures engine = new Figures();
    private final Figures onnxRuntime = new Figures();

    private JmhResults() {}

    public static JmhResults of(JsonArray results) {
        JmhResults r = new JmhResults();
        r.engine.json().addProperty("peer", "fer-engine (JMH)");
        r.onnxRuntime.json().addProperty("peer", "onnxruntime-java (JMH)");
        for (JsonElement e : results) {
            r.add(e.getAsJsonObject());
        }
        return r;
    }

    public Figures engine() {
        return engine;
    }

    public Figures onnxRuntime() {
        return onnxRuntime;
    }

    private void add(JsonObject result) {
        String benchmark = result.get("benchmark").getAsString();
        String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
        String simpleClass = className.substring(className.lastIndexOf('.') + 1);
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        JsonObject params = result.has("params") ? result.getAsJsonObject("params") : new JsonObject();
        if (!params.has("threads")) {
            return;
        }
        int threads = params.get("threads").getAsInt();
        JsonObject primary = result.getAsJsonObject("primaryMetric");
        // figures of a convolution algorithm other than the benchmark's default (networks: the engine's
        // DEFAULT rule; layers: GEMM, whose FLOP rate is the real one) get their own keys: fft_infer1_ms
        String standard = simpleClass.equals("ConvLayerBenchmark") ? "GEMM" : "DEFAULT";
        String algorithm = params.has("algorithm") ? params.get("algorithm").getAsString() : standard;
        String prefix = algorithm.equals(standard) ? "" : algorithm.toLowerCase(java.util.Locale.ROOT) + "_";
        String tag = prefix + switch (method) {
            case "forward" -> "fwd";
            case "backward" -> "bwd";
            default -> method;
        };
        switch (simpleClass) {
            case "NetworkTrainingBenchmark", "NetworkInferenceBenchmark" ->
                    load(engine, Figures.WORKLOADS, network(engine, params, method, prefix, threads, primary, result), tag, threads, result);
            case "OnnxRuntimeBenchmark" ->
                    load(onnxRuntime, Figures.WORKLOADS, network(onnxRuntime, params, method, prefix, threads, primary, result), tag, threads, result);
            case "ConvLayerBenchmark" -> load(engine, Figures.LAYERS, layer(params, tag, threads, primary), tag, threads, result);
            default -> { } // benchmarks of other modules (detector, BlazeFace) have their own reports
        }
    }

    /** Records the profiler's load figures beside a figure of entry {@code name} (null: no figure). */
    private static void load(Figures f, String section, String name, String tag, int threads, JsonObject result) {
        if (name == null) {
            return;
        }
        double foreign = secondary(result, ForeignLoadProfiler.METRIC);
        if (!Double.isNaN(foreign)) {
            f.put(section, name, tag + "_foreign_load", threads, foreign);
        }
        double own = secondary(result, ForeignLoadProfiler.OWN_METRIC);
        if (!Double.isNaN(own)) {
            f.put(section, name, tag + "_own_cores", threads, own);
        }
        double steal = secondary(result, ForeignLoadProfiler.STEAL_METRIC);
        if (!Double.isNaN(steal)) {
            f.put(section, name, tag + Figures.HOST_STEAL, threads, steal);
        }
    }

    /** Puts a network figure; returns the workload name, or null when the method is not a figure. */
    private static String network(Figures f, JsonObject params, String method, String prefix, int threads,
                                  JsonObject primary, JsonObject result) {
        String name = params.get("workload").getAsString();
        String w = Figures.WORKLOADS;
        switch (method) {
            case "train" -> {
                double imgPerS = perSecond(primary, Network.TRAIN_BATCH);
                f.put(w, name, prefix + "train_img_s", threads, imgPerS);
                f.put(w, name, prefix + "train_step_ms", threads, Network.TRAIN_BATCH / imgPerS * 1e3);
            }
            case "infer1" -> {
                f.put(w, name, prefix + "infer1_ms", threads, medianMillis(primary));
                double bytes = secondary(result, GC_NORM);
                if (!Double.isNaN(bytes)) {
                    f.put(w, name, prefix + "infer1_alloc_bytes", threads, bytes);
                }
            }
            case "infer256" -> f.put(w, name, prefix + "infer256_img_s", threads, perSecond(primary, Network.INFER_BATCH));
            default -> {
                return null;
            }
        }
        return name;
    }

    /** Puts a layer figure ({@code tag} fwd or bwd); returns the layer name, or null for other methods. */
    private String layer(JsonObject params, String tag, int threads, JsonObject primary) {
        if (!tag.endsWith("fwd") && !tag.endsWith("bwd")) {
            return null;
        }
        ConvShape shape = ConvShape.valueOf(params.get("layer").getAsString());
        double passesPerS = perSecond(primary, 1);
        double flop = tag.endsWith("fwd") ? shape.forwardFlop(Network.TRAIN_BATCH) : shape.backwardFlop(Network.TRAIN_BATCH);
        engine.put(Figures.LAYERS, shape.name(), tag + "_gflops", threads, passesPerS * flop / 1e9);
        engine.put(Figures.LAYERS, shape.name(), tag + "_ms", threads, 1e3 / passesPerS);
        return shape.name();
    }

    /**
     * Items per second: {@code itemsPerCall} over the median call of a sample-time metric, or a
     * throughput score as it stands (its benchmark counted items as operations).
     */
    static double perSecond(JsonObject metric, int itemsPerCall) {
        String unit = metric.get("scoreUnit").getAsString();
        if (unit.endsWith("/op")) {
            return itemsPerCall * 1e3 / medianMillis(metric);
        }
        double score = metric.get("score").getAsDouble();
        return switch (unit) {
            case "ops/s" -> score;
            case "ops/ms" -> score * 1e3;
            case "ops/us" -> score * 1e6;
            case "ops/min" -> score / 60;
            default -> throw new IllegalArgumentException("not a throughput or time-per-operation unit: " + unit);
        };
    }

    /** The median of a sample-time metric (p0.50), in milliseconds. */
    static double medianMillis(JsonObject metric) {
        JsonObject percentiles = metric.getAsJsonObject("scorePercentiles");
        double p50 = percentiles.get("50.0").getAsDouble();
        String unit = metric.get("scoreUnit").getAsString();
        return switch (unit) {
            case "ms/op" -> p50;
            case "us/op" -> p50 / 1e3;
            case "ns/op" -> p50 / 1e6;
            case "s/op" -> p50 * 1e3;
            default -> throw new IllegalArgumentException("not a time-per-operation unit: " + unit);
        };
    }

    /** A secondary metric by name (JMH prefixes profiler metrics with a dot), or NaN. */
    static double secondary(JsonObject result, String name) {
        if (!result.has("secondaryMetrics")) {
            return Double.NaN;
        }
        for (var e : result.getAsJsonObject("secondaryMetrics").entrySet()) {
            if (e.getKey().replaceFirst("^[^A-Za-z]+", "").equals(name)) {
                return e.getValue().getAsJsonObject().get("score").getAsDouble();
            }
        }
        return Double.NaN;
    }
}
