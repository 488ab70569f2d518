package dev.fer.detector.blazeface;

import dev.fer.detector.ScaledPhoto;
import dev.fer.detector.blazeface.net.Network;
import dev.fer.engine.kernel.Kernels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where one BlazeFace frame's time goes, for development (speed figures to quote come from the
 * JMH {@code BlazeFaceBenchmark}): letterbox, every network step, decoding and NMS, each timed by
 * the thread's CPU time on one thread, so a busy machine disturbs it little. Prints the median of
 * each part over the measured frames. Usage:
 * {@code java --add-modules jdk.incubator.vector -cp engine/target/classes:detector/target/classes
 * dev.fer.detector.blazeface.BlazeFaceProfile IMAGE [short|full] [frames]}; the image is scaled to
 * 640x480 first.
 */
public final class BlazeFaceProfile {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private BlazeFaceProfile() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BlazeFaceProfile IMAGE [short|full] [frames]");
            System.exit(2);
        }
        BufferedImage frame = ScaledPhoto.read(Path.of(args[0]), 640, 480, BufferedImage.TYPE_3BYTE_BGR);
        BlazeFaceVariant variant = args.length > 1 && args[1].equals("short") ? BlazeFaceVariant.SHORT_RANGE
                : BlazeFaceVariant.FULL_RANGE;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        BlazeFaceDetector detector = BlazeFaceDetector.load(variant);
        Network network = Network.compile(BlazeFaceDetector.readResource(variant));
        Letterbox letterbox = new Letterbox(variant.inputSize());
        DetectionDecoder decoder = new DetectionDecoder(variant);
        WeightedNms nms = new WeightedNms(decoder.boxCount());
        float[] candidates = new float[decoder.boxCount() * BlazeFaceVariant.COORDS];
        float[] scores = new float[decoder.boxCount()];
        float[] merged = new float[candidates.length];
        float[] mergedScores = new float[scores.length];

        int steps = network.stepCount();
        // columns: letterbox, steps..., decode, nms
        long[][] t = new long[steps + 3][frames];
        for (int round = 0; round < 2; round++) { // round 0 warms up
            for (int f = 0; f < frames; f++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                letterbox.fill(frame, network.input());
                long t1 = CPU.getCurrentThreadCpuTime();
                t[0][f] = t1 - t0;
                for (int s = 0; s < steps; s++) {
                    long a = CPU.getCurrentThreadCpuTime();
                    network.runStep(s);
                    t[1 + s][f] = CPU.getCurrentThreadCpuTime() - a;
                }
                long d0 = CPU.getCurrentThreadCpuTime();
                int n = decoder.decode(network.output(0), network.output(1), variant.minScore(), candidates, scores);
                long d1 = CPU.getCurrentThreadCpuTime();
                nms.apply(candidates, scores, n, BlazeFaceVariant.NMS_IOU, merged, mergedScores);
                long d2 = CPU.getCurrentThreadCpuTime();
                t[steps + 1][f] = d1 - d0;
                t[steps + 2][f] = d2 - d1;
            }
        }
        long[] whole = new long[frames];
        for (int round = 0; round < 2; round++) {
            for (int f = 0; f < frames; f++) {
                long a = CPU.getCurrentThreadCpuTime();
                detector.detect(frame);
                whole[f] = CPU.getCurrentThreadCpuTime() - a;
            }
        }
        System.out.printf("%s, kernels %s, median thread CPU time of %d frames (640x480)%n", variant,
                Kernels.best().name(), frames);
        double sum = 0;
        for (int c = 0; c < t.length; c++) {
            String name = c == 0 ? "letterbox" : c <= steps ? network.stepName(c - 1)
                    : c == steps + 1 ? "decode" : "weighted NMS";
            double ms = median(t[c]) / 1e6;
            sum += ms;
            System.out.printf("%8.3f ms  %s%n", ms, name);
        }
        System.out.printf("%8.3f ms  sum of the parts%n", sum);
        System.out.printf("%8.3f ms  detect() whole (median; min %.3f)%n", median(whole) / 1e6,
                Arrays.stream(whole).min().orElse(0) / 1e6);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
