package dev.fer.bench.engine.ab;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ab --a ENGINE --b ENGINE [--threads 1,2] [--b-threads N] [--settle N] [--rounds 15] [--only C2.fwd,W1.train]}:
 * two engine builds (class folders or jars) timed against each other in one JVM, calls alternating
 * A, B, A, B, so both see the same machine. With {@code --b-threads N}, B always runs on N threads
 * (give the same build twice to measure how a workload scales with threads, with
 * {@code --settle 1}). {@code --settle N}: each side runs N untimed calls before its timed one in
 * every round, so that a two-thread call does not start on a core that sat idle through the
 * one-thread call (without it, W1 training's scaling read up to 17% low). On a shared or
 * throttling host, consecutive runs of one build
 * differ by 30% or more, which hides changes of 10-20% between JMH runs; alternating calls puts
 * the same noise on both sides, and the median of each side is then comparable.
 *
 * <p>Each build gets its own class loader (the engine classes first, then this jar for the rigs
 * and JTransforms), with the platform loader as parent, so the JIT compiles each build's kernels
 * from their own profiles. Build an older engine with e.g. {@code git worktree add /tmp/old
 * COMMIT && (cd /tmp/old && ./mvnw -q -pl engine -am package -DskipTests)}.
 */
public final class AbCommand {
    private static final List<String> ALL = List.of("C1.fwd", "C1.bwd", "C2.fwd", "C2.bwd", "C3.fwd", "C3.bwd",
            "W1.infer1", "W1.infer256", "W1.train");
    private static final int WARMUP_CALLS = 5;

    private AbCommand() {}

    public static int run(String[] args) throws Exception {
        String a = null;
        String b = null;
        int[] threads = {1, 2};
        int rounds = 15;
        int bThreads = 0;
        int settle = 0;
        List<String> workloads = ALL;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--a" -> a = value;
                case "--b" -> b = value;
                case "--threads" -> threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--b-threads" -> bThreads = Integer.parseInt(value);
                case "--settle" -> settle = Integer.parseInt(value);
                case "--only" -> workloads = List.of(value.split(","));
                default -> {
                    System.err.println("ab: unknown option " + args[i]);
                    return 2;
                }
            }
            i++;
        }
        if (a == null || b == null) {
            System.err.println("usage: ab --a ENGINE_CLASSES_OR_JAR --b ENGINE_CLASSES_OR_JAR [--threads 1,2] "
                    + "[--b-threads N] [--settle N] [--rounds 15] [--only " + String.join(",", ALL) + "]");
            return 2;
        }
        Class<?>[] probes = {probeClass(a), probeClass(b)};
        System.out.println("| workload | threads" + (bThreads > 0 ? " (B: " + bThreads + ")" : "") + " | A | B | speed B / A |");
        System.out.println("|---|---|---|---|---|");
        for (int t : threads) {
            for (String workload : workloads) {
                double[][] times = alternate(probes, workload, new int[] {t, bThreads > 0 ? bThreads : t},
                        workload.endsWith("infer1") ? rounds * 20 : rounds, settle);
                System.out.println(row(workload, t, times));
            }
        }
        return 0;
    }

    private static Class<?> probeClass(String engine) throws Exception {
        File build = new File(engine);
        if (!build.exists()) {
            throw new IllegalArgumentException("no engine build at " + engine);
        }
        URL self = AbCommand.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {build.toURI().toURL(), self},
                ClassLoader.getPlatformClassLoader());
        return loader.loadClass(AbProbe.class.getName());
    }

    /**
     * Seconds per call and work per call of both builds, calls alternating; with {@code settle},
     * each side runs that many untimed calls before its timed one in every round.
     */
    private static double[][] alternate(Class<?>[] probes, String workload, int[] threads, int rounds, int settle)
            throws Exception {
        Object[] probe = new Object[2];
        Method[] time = new Method[2];
        double[][] result = new double[3][];
        try {
            for (int v = 0; v < 2; v++) {
                Constructor<?> c = probes[v].getConstructor(String.class, int.class);
                probe[v] = c.newInstance(workload, threads[v]);
                time[v] = probes[v].getMethod("timeOnce");
            }
            for (int i = 0; i < WARMUP_CALLS * (workload.endsWith("infer1") ? 40 : 1); i++) {
                time[0].invoke(probe[0]);
                time[1].invoke(probe[1]);
            }
            result[0] = new double[rounds];
            result[1] = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                for (int v = 0; v < 2; v++) {
                    for (int i = 0; i < settle; i++) {
                        time[v].invoke(probe[v]);
                    }
                    result[v][r] = (double) time[v].invoke(probe[v]);
                }
            }
            result[2] = new double[] {(double) probes[0].getMethod("work").invoke(probe[0])};
        } finally {
            for (Object p : probe) {
                if (p != null) {
                    ((AutoCloseable) p).close();
                }
            }
        }
        return result;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String row(String workload, int threads, double[][] times) {
        double a = median(times[0]);
        double b = median(times[1]);
        double work = times[2][0];
        List<String> cells = new ArrayList<>();
        if (workload.endsWith("infer1")) {
            cells.add(String.format(Locale.ROOT, "%.3f ms", a * 1e3));
            cells.add(String.format(Locale.ROOT, "%.3f ms", b * 1e3));
        } else if (workload.startsWith("W")) {
            cells.add(String.format(Locale.ROOT, "%.1f img/s", work / a));
            cells.add(String.format(Locale.ROOT, "%.1f img/s", work / b));
        } else {
            cells.add(String.format(Locale.ROOT, "%.1f GFLOP/s", work / a / 1e9));
            cells.add(String.format(Locale.ROOT, "%.1f GFLOP/s", work / b / 1e9));
        }
        // B's speed over A's: above 1 B is faster, below 1 slower
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2fx |", workload, threads, cells.get(0),
                cells.get(1), a / b);
    }
}
