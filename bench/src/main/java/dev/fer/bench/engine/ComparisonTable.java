package dev.fer.bench.engine;

import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side markdown tables of the README: our figures, PyTorch on CPU in both layouts,
 * ONNX Runtime, ratios, the FMA peak, the foreign load of every figure and the targets.
 * Ratios are "higher is better for us": ours / peer for throughput, peer / ours for latency.
 */
public final class ComparisonTable {
    /** Share of the single-core FMA peak per thread that the conv layers should reach. */
    static final double LAYER_PEAK_TARGET = 0.70;
    /** Speed-up of W1 training from the second core that the issue asks for. */
    static final double SCALING_TARGET = 1.7;
    /** Host steal (cores) above which the table warns that its figures are not the engine's. */
    static final double STEAL_WARNING = 0.1;

    private final Figures ours;
    private final Figures torch;
    private final Figures torchChannelsLast;
    private final Figures onnxRuntime;
    private final JsonObject peak;
    private final List<Integer> threads;

    /** Any peer may be null (its columns then show "-"). */
    public ComparisonTable(Figures ours, Figures torch, Figures torchChannelsLast, Figures onnxRuntime,
                           JsonObject peak, List<Integer> threads) {
        this.ours = ours;
        this.torch = torch;
        this.torchChannelsLast = torchChannelsLast;
        this.onnxRuntime = onnxRuntime;
        this.peak = peak;
        this.threads = threads;
    }

    private record NetFigure(String key, String loadTag, String label, boolean lowerIsBetter) {}

    private static final List<NetFigure> NET_FIGURES = List.of(
            new NetFigure("train_img_s", "train", "train img/s", false),
            new NetFigure("infer1_ms", "infer1", "infer1 ms", true),
            new NetFigure("infer256_img_s", "infer256", "infer256 img/s", false));

    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("| figure | threads | fer | PyTorch channels_last | PyTorch NCHW | ONNX Runtime"
                + " | fer / best PyTorch | fer / ONNX Runtime | foreign load fer / PyTorch cl / NCHW |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Network n : Network.values()) {
            for (NetFigure f : NET_FIGURES) {
                for (int t : threads) {
                    String sec = Figures.WORKLOADS;
                    Double mine = get(ours, sec, n.name(), f.key(), t);
                    Double cl = get(torchChannelsLast, sec, n.name(), f.key(), t);
                    Double nchw = get(torch, sec, n.name(), f.key(), t);
                    Double ort = get(onnxRuntime, sec, n.name(), f.key(), t);
                    if (mine == null && cl == null && nchw == null) {
                        continue;
                    }
                    Double bestTorch = best(cl, nchw, f.lowerIsBetter());
                    String loadKey = f.loadTag() + "_foreign_load";
                    s.append(row(n + " " + f.label(), t, num(mine), num(cl), num(nchw), num(ort),
                            ratio(mine, bestTorch, f.lowerIsBetter()), ratio(mine, ort, f.lowerIsBetter()),
                            loads(get(ours, sec, n.name(), loadKey, t), get(torchChannelsLast, sec, n.name(), loadKey, t),
                                    get(torch, sec, n.name(), loadKey, t))));
                }
            }
        }
        s.append("\n| layer (batch 64) | threads | fer GEMM GFLOP/s | fer default (Winograd), effective GFLOP/s"
                + " | PyTorch channels_last | PyTorch NCHW | fer default / best PyTorch"
                + " | fer per thread, % of 1-core FMA peak: GEMM / default | foreign load fer / PyTorch cl / NCHW |\n");
        s.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ConvShape c : ConvShape.values()) {
            for (String tag : new String[] {"fwd", "bwd"}) {
                for (int t : threads) {
                    String sec = Figures.LAYERS;
                    Double gemm = get(ours, sec, c.name(), tag + "_gflops", t);
                    Double standard = get(ours, sec, c.name(), "default_" + tag + "_gflops", t);
                    Double cl = torchLayer(c, "cl_" + tag + "_gflops", t);
                    Double nchw = torchLayer(c, tag + "_gflops", t);
                    if (gemm == null && standard == null && cl == null && nchw == null) {
                        continue;
                    }
                    s.append(row(c + " " + tag + " (" + c.describe() + ")", t, num(gemm), num(standard), num(cl),
                            num(nchw), ratio(standard, best(cl, nchw, false), false),
                            percentOfPeak(gemm, t) + " / " + percentOfPeak(standard, t),
                            loads(get(ours, sec, c.name(), tag + "_foreign_load", t),
                                    torchLayer(c, "cl_" + tag + "_foreign_load", t),
                                    torchLayer(c, tag + "_foreign_load", t))));
                }
            }
        }
        s.append("\nGEMM: the engine's real FLOP rate (direct convolution, direct weight gradient). Default: the"
                + " layer as the networks run it, Winograd F(4x4) on all three passes, counted in the direct"
                + " convolution's FLOP as PyTorch's figures are (an effective rate: Winograd does 4x fewer"
                + " multiply-adds).\n");
        List<String> alloc = new ArrayList<>();
        for (Network n : Network.values()) {
            for (int t : threads) {
                Double b = get(ours, Figures.WORKLOADS, n.name(), "infer1_alloc_bytes", t);
                if (b != null) {
                    alloc.add(String.format(Locale.ROOT, "%s %d thread%s: %.1f B/op", n, t, t == 1 ? "" : "s", b));
                }
            }
        }
        if (!alloc.isEmpty()) {
            s.append("\nAllocation per batch-1 inference (JMH -prof gc, gc.alloc.rate.norm): ")
                    .append(String.join("; ", alloc)).append(".\n");
        }
        s.append("\n").append(peakLine()).append("\n");
        double steal = ours == null ? Double.NaN : ours.maxHostSteal();
        if (!Double.isNaN(steal)) {
            s.append(String.format(Locale.ROOT, "%nHost steal (time the hypervisor ran other guests on our vCPUs, /proc/stat)"
                    + " while our figures were timed: up to %.2f cores.%s%n", steal, steal >= STEAL_WARNING
                    ? " Figures timed under steal understate the engine, the 2-thread ones most (a stalled vCPU holds"
                    + " back the other at every barrier): compare them with a quiet window." : ""));
        }
        s.append("\n").append(targets());
        return s.toString();
    }

    private Double torchLayer(ConvShape c, String key, int t) {
        Double v = get(torch, Figures.LAYERS, c.name(), key, t);
        return v != null ? v : get(torchChannelsLast, Figures.LAYERS, c.name(), key, t);
    }

    /** FMA peak in GFLOP/s at {@code threads} threads (AVX-512 where measured), or null. */
    Double peak(int threads) {
        if (peak == null) {
            return null;
        }
        for (String isa : new String[] {"avx512", "avx2"}) {
            String key = isa + "_gflops_" + threads + "t";
            if (peak.has(key)) {
                return peak.get(key).getAsDouble();
            }
        }
        return null;
    }

    private String peakLine() {
        if (peak == null) {
            return "FP32 FMA peak: not measured (pass --peak).";
        }
        StringBuilder s = new StringBuilder("FP32 FMA peak (peak.c, " + (peak.has("isa") ? peak.get("isa").getAsString() : "?") + "):");
        for (int t : threads) {
            Double p = peak(t);
            if (p != null) {
                s.append(String.format(Locale.ROOT, " %.1f GFLOP/s on %d thread%s;", p, t, t == 1 ? "" : "s"));
            }
        }
        if (peak.has("max_foreign_load_cores")) {
            s.append(String.format(Locale.ROOT, " foreign load up to %.2f cores.", peak.get("max_foreign_load_cores").getAsDouble()));
        }
        if (peak.has("host_steal_cores")) {
            // written by compare.sh around the peak run: a peak taken under steal is too low, and every % of it too high
            s.append(String.format(Locale.ROOT, " Host steal while it ran: %.2f cores.", peak.get("host_steal_cores").getAsDouble()));
        }
        return s.toString();
    }

    private String percentOfPeak(Double gflops, int threads) {
        Double onePeak = peak(1);
        if (gflops == null || onePeak == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f%%", 100 * gflops / threads / onePeak);
    }

    /** The targets, each marked met or missed (or not measured). */
    String targets() {
        StringBuilder s = new StringBuilder("Targets of the issue:\n");
        int all = threads.getLast();
        Double w1Train = get(ours, Figures.WORKLOADS, "W1", "train_img_s", all);
        Double torchTrain = best(get(torchChannelsLast, Figures.WORKLOADS, "W1", "train_img_s", all),
                get(torch, Figures.WORKLOADS, "W1", "train_img_s", all), false);
        s.append(target("W1 train img/s on " + all + " threads >= best PyTorch layout", w1Train, torchTrain,
                w1Train == null || torchTrain == null ? null : w1Train / torchTrain >= 1.0));
        for (int t : threads) {
            Double mine = get(ours, Figures.WORKLOADS, "W1", "infer1_ms", t);
            Double ort = get(onnxRuntime, Figures.WORKLOADS, "W1", "infer1_ms", t);
            s.append(target("W1 infer1 ms on " + t + " thread(s) <= ONNX Runtime", mine, ort,
                    mine == null || ort == null ? null : mine <= ort));
            mine = get(ours, Figures.WORKLOADS, "W1", "infer256_img_s", t);
            ort = get(onnxRuntime, Figures.WORKLOADS, "W1", "infer256_img_s", t);
            s.append(target("W1 infer256 img/s on " + t + " thread(s) >= ONNX Runtime", mine, ort,
                    mine == null || ort == null ? null : mine >= ort));
        }
        Double onePeak = peak(1);
        for (ConvShape c : ConvShape.values()) {
            for (String tag : new String[] {"fwd", "bwd"}) {
                for (int t : threads) {
                    Double want = onePeak == null ? null : LAYER_PEAK_TARGET * onePeak * t;
                    for (String algorithm : new String[] {"GEMM", "default"}) {
                        String key = (algorithm.equals("GEMM") ? "" : "default_") + tag + "_gflops";
                        Double g = get(ours, Figures.LAYERS, c.name(), key, t);
                        if (g == null && algorithm.equals("default")) {
                            continue; // a run without the DEFAULT layer benchmarks
                        }
                        s.append(target(c + " " + tag + " GFLOP/s (" + algorithm + ") on " + t
                                + " thread(s) >= 70% of peak x threads", g, want, g == null || want == null ? null : g >= want));
                    }
                }
            }
        }
        Double one = get(ours, Figures.WORKLOADS, "W1", "train_img_s", 1);
        if (all > 1) {
            Double speedup = one == null || w1Train == null ? null : w1Train / one;
            s.append(target("W1 train speed-up from 1 to " + all + " threads >= " + SCALING_TARGET, speedup,
                    SCALING_TARGET, speedup == null ? null : speedup >= SCALING_TARGET));
        }
        return s.toString();
    }

    private static String target(String what, Double ours, Double goal, Boolean met) {
        String verdict = met == null ? "not measured" : met ? "met" : "MISSED";
        return String.format(Locale.ROOT, "- %s: %s (fer %s, goal %s)%n", what, verdict, num(ours), num(goal));
    }

    private static Double get(Figures f, String section, String name, String key, int threads) {
        return f == null ? null : f.get(section, name, key, threads);
    }

    private static Double best(Double a, Double b, boolean lowerIsBetter) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return lowerIsBetter ? Math.min(a, b) : Math.max(a, b);
    }

    static String ratio(Double ours, Double peer, boolean lowerIsBetter) {
        if (ours == null || peer == null || ours == 0 || peer == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", lowerIsBetter ? peer / ours : ours / peer);
    }

    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String loads(Double... loads) {
        List<String> parts = new ArrayList<>();
        for (Double l : loads) {
            parts.add(l == null ? "-" : String.format(Locale.ROOT, "%.2f", l));
        }
        return String.join(" / ", parts);
    }

    private static String row(String label, int threads, String... cells) {
        return "| " + label + " | " + threads + " | " + String.join(" | ", cells) + " |\n";
    }
}
