package dev.fer.bench.engine;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.model.Sequential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code fer-bench.jar workloads [--only W1,W2,C1,C2,C3] [--threads 1,2] [--json FILE] [--quick]
 * [--wait-idle S] [--wait-total S]}: every figure of WORKLOADS.md, timed like torch_bench.py
 * (warm-up, median of repeated calls, foreign load recorded), printed as it comes and written as
 * one JSON object with torch_bench.py's keys.
 */
public final class WorkloadsCommand {
    private static final String USAGE = """
            usage: workloads [--only W1,W2,C1,C2,C3] [--threads 1,N] [--json FILE] [--quick]
                             [--wait-idle S] [--wait-total S]
              --only        workloads to run (default all)
              --threads     thread counts (default 1 and the number of cores)
              --json        write the figures there (torch_bench.py's keys)
              --quick       smoke test: 1 warm-up, 2 timed calls per figure
              --wait-idle   before each figure wait up to S s for an idle machine (default 30)
              --wait-total  cap on all waiting (default 150)""";

    private WorkloadsCommand() {}

    public static int run(String[] args) throws Exception {
        List<String> only = List.of("W1", "W2", "C1", "C2", "C3");
        List<Integer> threads = defaultThreads();
        Path json = null;
        boolean quick = false;
        double waitIdle = 30;
        double waitTotal = 150;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--only" -> only = List.of(value(args, ++i).split(","));
                    case "--threads" -> threads = parseThreads(value(args, ++i));
                    case "--json" -> json = Path.of(value(args, ++i));
                    case "--quick" -> quick = true;
                    case "--wait-idle" -> waitIdle = Double.parseDouble(value(args, ++i));
                    case "--wait-total" -> waitTotal = Double.parseDouble(value(args, ++i));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            for (String name : only) {
                checkName(name);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("workloads: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        Figures figures = new WorkloadRunner(new MedianTimer(quick, waitIdle, waitTotal), quick)
                .run(only, threads);
        if (json != null) {
            figures.write(json);
            System.err.println("wrote " + json);
        } else {
            System.out.println(figures.toJson());
        }
        return 0;
    }

    static List<Integer> defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores == 1 ? List.of(1) : List.of(1, cores);
    }

    static List<Integer> parseThreads(String list) {
        List<Integer> out = new ArrayList<>();
        for (String s : list.split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new IllegalArgumentException("thread counts must be >= 1: " + list);
            }
            out.add(n);
        }
        return out;
    }

    private static void checkName(String name) {
        try {
            Network.valueOf(name);
        } catch (IllegalArgumentException notNetwork) {
            try {
                ConvShape.valueOf(name);
            } catch (IllegalArgumentException notLayer) {
                throw new IllegalArgumentException("unknown workload '" + name + "' (known: W1, W2, C1, C2, C3)");
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Runs the figures and fills a {@link Figures} object. */
    static final class WorkloadRunner {
        private final MedianTimer timer;
        private final boolean quick;
        private int done;
        private int total;
        private long start;

        WorkloadRunner(MedianTimer timer, boolean quick) {
            this.timer = timer;
            this.quick = quick;
        }

        Figures run(List<String> only, List<Integer> threadCounts) {
            Figures f = new Figures();
            describe(f, only, threadCounts);
            total = 0;
            for (String name : only) {
                total += threadCounts.size() * (isNetwork(name) ? 3 : 2);
            }
            start = System.nanoTime();
            for (int threads : threadCounts) {
                for (String name : only) {
                    if (isNetwork(name)) {
                        network(f, Network.valueOf(name), threads);
                    } else {
                        layer(f, ConvShape.valueOf(name), threads);
                    }
                }
            }
            f.json().addProperty("wall_s", Math.round((System.nanoTime() - start) * 1e-8) / 10.0);
            double max = f.maxForeignLoad();
            f.json().addProperty("max_foreign_load", max);
            if (max > MedianTimer.IDLE_CORES) {
                f.json().addProperty("warning", "other processes used CPU while some figures were timed "
                        + "(*_foreign_load, in cores); rerun those when the machine is idle");
            }
            return f;
        }

        private static boolean isNetwork(String name) {
            return name.startsWith("W");
        }

        private void describe(Figures f, List<String> only, List<Integer> threadCounts) {
            var json = f.json();
            json.addProperty("peer", "fer-engine");
            json.addProperty("java", Runtime.version().toString());
            json.addProperty("kernels", Kernels.best().name());
            json.addProperty("nproc", Runtime.getRuntime().availableProcessors());
            var t = new com.google.gson.JsonArray();
            threadCounts.forEach(t::add);
            json.add("threads", t);
            json.addProperty("quick", quick);
            json.addProperty("net_memory_format", "NHWC (channels_last)");
            for (String name : only) {
                if (isNetwork(name)) {
                    Network n = Network.valueOf(name);
                    try (Sequential model = n.create(1, 1)) {
                        var e = f.entry(Figures.WORKLOADS, name);
                        e.addProperty("params", model.parameterCount());
                        e.addProperty("fwd_mmac_per_img", Network.forwardMacsPerImage(model) / 1e6);
                    }
                } else {
                    ConvShape c = ConvShape.valueOf(name);
                    var e = f.entry(Figures.LAYERS, name);
                    e.addProperty("shape", c.describe());
                    e.addProperty("fwd_gflop", c.forwardFlop(Network.TRAIN_BATCH) / 1e9);
                }
            }
        }

        private void network(Figures f, Network n, int threads) {
            boolean heavy = n == Network.W2;
            String name = n.name();
            try (TrainingRig rig = new TrainingRig(n, threads)) {
                var t = timer.time(rig::step, new MedianTimer.Plan(2, heavy ? 5 : 8, heavy ? 8 : 4, 30));
                record(f, Figures.WORKLOADS, name, "train", threads, t);
                f.put(Figures.WORKLOADS, name, "train_img_s", threads, round(Network.TRAIN_BATCH / t.medianSeconds()));
                f.put(Figures.WORKLOADS, name, "train_step_ms", threads, round(t.medianSeconds() * 1e3));
                report(name + " train", threads, Network.TRAIN_BATCH / t.medianSeconds(), "img/s", t);
            }
            try (InferenceRig rig = new InferenceRig(n, threads)) {
                var t = timer.time(() -> rig.predict(1), new MedianTimer.Plan(10, 30, heavy ? 3 : 2, 500));
                record(f, Figures.WORKLOADS, name, "infer1", threads, t);
                f.put(Figures.WORKLOADS, name, "infer1_ms", threads, round(t.medianSeconds() * 1e3));
                report(name + " infer1", threads, t.medianSeconds() * 1e3, "ms", t);
                t = timer.time(() -> rig.predict(Network.INFER_BATCH), new MedianTimer.Plan(1, heavy ? 5 : 7, heavy ? 8 : 4, 30));
                record(f, Figures.WORKLOADS, name, "infer256", threads, t);
                f.put(Figures.WORKLOADS, name, "infer256_img_s", threads, round(Network.INFER_BATCH / t.medianSeconds()));
                report(name + " infer256", threads, Network.INFER_BATCH / t.medianSeconds(), "img/s", t);
            }
        }

        private void layer(Figures f, ConvShape c, int threads) {
            String name = c.name();
            try (ConvRig rig = new ConvRig(c, threads)) {
                MedianTimer.Plan plan = new MedianTimer.Plan(3, 10, 2, 100);
                var t = timer.time(rig::forward, plan);
                record(f, Figures.LAYERS, name, "fwd", threads, t);
                double gflops = c.forwardFlop(Network.TRAIN_BATCH) / t.medianSeconds() / 1e9;
                f.put(Figures.LAYERS, name, "fwd_gflops", threads, round(gflops));
                f.put(Figures.LAYERS, name, "fwd_ms", threads, round(t.medianSeconds() * 1e3));
                report(name + " fwd", threads, gflops, "GFLOP/s", t);
                t = timer.time(rig::backward, plan);
                record(f, Figures.LAYERS, name, "bwd", threads, t);
                gflops = c.backwardFlop(Network.TRAIN_BATCH) / t.medianSeconds() / 1e9;
                f.put(Figures.LAYERS, name, "bwd_gflops", threads, round(gflops));
                f.put(Figures.LAYERS, name, "bwd_ms", threads, round(t.medianSeconds() * 1e3));
                report(name + " bwd", threads, gflops, "GFLOP/s", t);
            }
        }

        private static void record(Figures f, String section, String name, String tag, int threads, MedianTimer.Timing t) {
            f.put(section, name, tag + "_reps", threads, t.reps());
            f.put(section, name, tag + "_foreign_load", threads, round(t.foreignLoad()));
            f.put(section, name, tag + "_own_cores", threads, round(t.ownCores()));
            if (t.waitedSeconds() >= 1.5) {
                f.put(section, name, tag + "_waited_s", threads, round(t.waitedSeconds()));
            }
        }

        private void report(String figure, int threads, double value, String unit, MedianTimer.Timing t) {
            done++;
            double elapsed = (System.nanoTime() - start) * 1e-9;
            double eta = elapsed / done * (total - done);
            System.err.printf(Locale.ROOT, "[%2d/%d] %-13s %d thread%s %10.2f %-7s (median of %d; cores: %.2f foreign, %.2f ours)"
                            + "  elapsed %.0f s, ETA %.0f s%n", done, total, figure, threads, threads == 1 ? " " : "s",
                    value, unit, t.reps(), t.foreignLoad(), t.ownCores(), elapsed, eta);
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }
}
