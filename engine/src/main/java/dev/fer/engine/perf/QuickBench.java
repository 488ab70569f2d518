package dev.fer.engine.perf;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Context;
import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.layer.Conv2D;
import dev.fer.engine.layer.Padding;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.optim.Adam;
import dev.fer.engine.parallel.Workers;
import dev.fer.engine.tensor.Shape;
import dev.fer.engine.tensor.Tensor;
import dev.fer.engine.zoo.Architectures;

import java.util.Arrays;
import java.util.Random;

/**
 * A quick throughput check of the engine on the WORKLOADS.md shapes, for development (the
 * project's real benchmarks are the JMH suite in {@code bench}). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp engine/target/classes dev.fer.engine.perf.QuickBench
 * [threads] [what...]} where what is train, infer1, infer256, C1, C2, C3, fft, profile (training step per layer; a fused ReLU is timed with the layer before it),
 * profile-infer (W1 inference per layer at batch 2: one pass of image-parallel inference), profile-infer1
 * (the same at batch 1) (default: the first six).
 */
public final class QuickBench {
    private QuickBench() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        var what = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : java.util.List.of("C1", "C2", "C3", "train", "infer1", "infer256");
        cpuTime = threads == 1;
        System.out.println("kernels " + Kernels.best().name() + ", threads " + threads
                + (cpuTime ? " (timed by thread CPU time)" : " (wall time)"));
        for (String w : what) {
            switch (w) {
                case "C1" -> layer("C1", 32, 48, 64, threads);
                case "C2" -> layer("C2", 64, 24, 128, threads);
                case "C3" -> layer("C3", 128, 12, 256, threads);
                case "train" -> train(threads);
                case "profile" -> profile(threads);
                case "profile-infer" -> profileInference(threads, 2);
                case "profile-infer1" -> profileInference(threads, 1);
                case "infer1" -> infer(threads, 1);
                case "infer256" -> infer(threads, 256);
                case "fft" -> {
                    fftVersusGemm("C1", 32, 48, 64, 3, threads);
                    fftVersusGemm("C2", 64, 24, 128, 3, threads);
                    fftVersusGemm("C3", 128, 12, 256, 3, threads);
                    fftVersusGemm("5x5 16->16 @48", 16, 48, 16, 5, threads);
                    fftVersusGemm("7x7 8->8 @48", 8, 48, 8, 7, threads);
                }
                default -> throw new IllegalArgumentException("unknown: " + w);
            }
        }
    }

    private static void layer(String name, int cin, int hw, int cout, int threads) {
        int batch = 64;
        Conv2D conv = new Conv2D(cout, 3).padding(Padding.SAME);
        conv.build(Shape.of(cin, hw, hw), new Random(1));
        Tensor x = new Tensor(Shape.of(cin, hw, hw), batch);
        Random r = new Random(2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) r.nextGaussian();
        }
        Tensor dy = new Tensor(Shape.of(cout, hw, hw), batch);
        for (int i = 0; i < dy.data.length; i++) {
            dy.data[i] = (float) r.nextGaussian();
        }
        double flop = 2.0 * batch * hw * hw * cout * cin * 9;
        try (Workers workers = Workers.of(threads)) {
            Context ctx = new Context(true, workers, Kernels.best(), 1);
            conv.inputGradient(true);
            double fwd = time(() -> conv.forward(x, ctx), 10, 10);
            conv.forward(x, ctx);
            double bwd = time(() -> conv.backward(dy, ctx), 10, 10);
            System.out.printf("%s fwd %.1f GFLOP/s (%.2f ms), bwd %.1f GFLOP/s (%.2f ms)%n", name, flop / fwd / 1e9,
                    fwd * 1e3, 2 * flop / bwd / 1e9, bwd * 1e3);
        }
    }

    /** Inference forward at batch 8: GEMM against FFT. */
    private static void fftVersusGemm(String name, int cin, int hw, int cout, int k, int threads) {
        int batch = 8;
        Tensor x = new Tensor(Shape.of(cin, hw, hw), batch);
        Random r = new Random(2);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) r.nextGaussian();
        }
        double flop = 2.0 * batch * hw * hw * cout * cin * k * k;
        try (Workers workers = Workers.of(threads)) {
            Context ctx = new Context(false, workers, Kernels.best(), 1);
            double[] t = new double[2];
            ConvAlgorithm[] algorithms = {ConvAlgorithm.GEMM, ConvAlgorithm.FFT};
            for (int a = 0; a < 2; a++) {
                Conv2D conv = new Conv2D(cout, k).padding(Padding.SAME).algorithm(algorithms[a]);
                conv.build(Shape.of(cin, hw, hw), new Random(1));
                t[a] = time(() -> conv.forward(x, ctx), 5, 7);
            }
            System.out.printf("%s batch %d: GEMM %.2f ms (%.1f GFLOP/s), FFT %.2f ms (%.1f effective GFLOP/s) -> %s%n",
                    name, batch, t[0] * 1e3, flop / t[0] / 1e9, t[1] * 1e3, flop / t[1] / 1e9,
                    t[1] < t[0] ? "FFT" : "GEMM");
        }
    }

    private static void train(int threads) {
        int batch = 64;
        try (Sequential model = Architectures.ferSmall().seed(1).threads(threads)) {
            Adam adam = new Adam(model.params(), 1e-3f);
            Random r = new Random(3);
            float[] x = uniform(batch * 48 * 48, r);
            int[] y = new int[batch];
            for (int i = 0; i < batch; i++) {
                y[i] = r.nextInt(7);
            }
            Runnable step = () -> {
                model.trainStep(x, y, batch);
                adam.step();
            };
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            double s = time(step, 3, 8);
            double cpuPerStep = (os.getProcessCpuTime() - cpu0) / 1e9 / 11;
            double wallPerStep = (System.nanoTime() - wall0) / 1e9 / 11;
            System.out.printf("W1 train %.1f img/s (%.1f ms/step); process CPU %.1f ms/step over %.1f ms wall%n",
                    batch / s, s * 1e3, cpuPerStep * 1e3, wallPerStep * 1e3);
        }
    }

    /** Per-layer forward and backward time of a W1 training step at batch 64. */
    private static void profile(int threads) {
        int batch = 64;
        try (Sequential model = Architectures.ferSmall().seed(1).threads(threads).build();
             Workers workers = Workers.of(threads)) {
            Context ctx = new Context(true, workers, Kernels.best(), 1);
            Tensor x = new Tensor(model.inputShape(), batch, uniform(batch * model.inputShape().size(), new Random(3)));
            var layers = model.layers();
            double[] fwd = new double[layers.size()];
            double[] bwd = new double[layers.size()];
            for (int rep = 0; rep < 6; rep++) {
                Tensor t = x;
                for (int i = 0; i < layers.size(); i++) {
                    long t0 = now();
                    boolean fused = Sequential.fusesRelu(layers, i, true); // as trainStep runs it
                    t = fused ? Sequential.forwardWithRelu(layers.get(i), t, ctx) : layers.get(i).forward(t, ctx);
                    fwd[i] = rep < 3 ? 0 : fwd[i] + (now() - t0) / 3e9;
                    i += fused ? 1 : 0;
                }
                Tensor g = new Tensor(t.shape, batch);
                java.util.Arrays.fill(g.data, 1e-3f);
                for (int i = layers.size() - 1; i >= 0; i--) {
                    if (i > 0 && Sequential.fusesRelu(layers, i - 1, true)) {
                        continue;
                    }
                    long t0 = now();
                    g = layers.get(i).backward(g, ctx);
                    bwd[i] = rep < 3 ? 0 : bwd[i] + (now() - t0) / 3e9;
                }
            }
            for (int i = 0; i < layers.size(); i++) {
                System.out.printf("%-12s %-12s fwd %7.2f ms  bwd %7.2f ms%n", layers.get(i).kind(),
                        layers.get(i).outputShape(), fwd[i] * 1e3, bwd[i] * 1e3);
            }
        }
    }

    /** Per-layer time of W1's folded inference network at the given batch. */
    private static void profileInference(int threads, int batch) {
        try (Sequential trained = Architectures.ferSmall().seed(1).threads(threads).build();
             Sequential model = trained.foldedForInference();
             Workers workers = Workers.of(threads)) {
            Context ctx = new Context(false, workers, Kernels.best(), 1);
            Tensor x = new Tensor(model.inputShape(), batch, uniform(batch * model.inputShape().size(), new Random(3)));
            var layers = model.layers();
            double[] fwd = new double[layers.size()];
            int reps = 2 * Math.max(4, 512 / batch);
            for (int rep = 0; rep < reps; rep++) {
                Tensor t = x;
                for (int i = 0; i < layers.size(); i++) {
                    long t0 = now();
                    if (Sequential.fusesReluAndPool(layers, i, ctx)) { // as the model runs it: ReLU and pool inside the conv
                        t = ((Conv2D) layers.get(i)).forwardWithReluAndPool(t, ctx);
                        fwd[i] = rep < reps / 2 ? 0 : fwd[i] + (now() - t0) / 1e9 / (reps / 2);
                        i += 2;
                        continue;
                    }
                    if (Sequential.fusesRelu(layers, i, false)) { // as the model runs it: the ReLU inside the layer
                        t = Sequential.forwardWithRelu(layers.get(i), t, ctx);
                        fwd[i] = rep < reps / 2 ? 0 : fwd[i] + (now() - t0) / 1e9 / (reps / 2);
                        i++;
                        continue;
                    }
                    t = layers.get(i).forward(t, ctx);
                    fwd[i] = rep < reps / 2 ? 0 : fwd[i] + (now() - t0) / 1e9 / (reps / 2);
                }
            }
            double total = Arrays.stream(fwd).sum();
            for (int i = 0; i < layers.size(); i++) {
                System.out.printf("%-12s %-12s %8.2f ms  %4.1f%%%n", layers.get(i).kind(), layers.get(i).outputShape(),
                        fwd[i] * 1e3, 100 * fwd[i] / total);
            }
            System.out.printf("total %.2f ms for %d images: %.1f img/s%n", total * 1e3, batch, batch / total);
        }
    }

    /** n floats uniform in [0, 1). */
    private static float[] uniform(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    private static long now() {
        return cpuTime ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static void infer(int threads, int batch) {
        try (Sequential model = Architectures.ferSmall().seed(1).threads(threads)) {
            float[] x = uniform(batch * 48 * 48, new Random(3));
            float[] p = new float[batch * 7];
            double s = time(() -> model.predict(x, batch, p), batch == 1 ? 200 : 3, batch == 1 ? 500 : 8);
            System.out.printf("W1 infer%d %.3f ms, %.1f img/s%n", batch, s * 1e3, batch / s);
        }
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** With one thread, time by this thread's CPU time: robust on a machine shared with other jobs. */
    private static boolean cpuTime;

    /** Median seconds per call. */
    private static double time(Runnable r, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = cpuTime ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
            r.run();
            t[i] = ((cpuTime ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
