package dev.fer.trainer.eval;

import dev.fer.trainer.FerTrainer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer-trainer latency}: one line per algorithm with ordered figures; bad options are usage errors. */
class LatencyCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "default \\(bundled\\), conv (\\w+): one face, 1 thread, 20 calls: median ([0-9.]+) ms, p90 ([0-9.]+) ms, min ([0-9.]+) ms");

    @Test
    void timesEachAlgorithmOfTheBundledModel() {
        List<String> lines = twoLines("--calls", "20", "--conv", "default,gemm");
        for (int i = 0; i < 2; i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(i == 0 ? "default" : "gemm", m.group(1));
            double median = Double.parseDouble(m.group(2));
            double p90 = Double.parseDouble(m.group(3));
            double min = Double.parseDouble(m.group(4));
            assertTrue(min > 0 && min <= median && median <= p90, lines.get(i));
        }
    }

    /** Architectures are timed before training, alternating in one process: the bigger net takes longer. */
    @Test
    void timesUntrainedArchitecturesSideBySide() {
        List<String> lines = twoLines("--calls", "60", "--arch", "fer-tiny,fer-net");
        Pattern arch = Pattern.compile("(fer-tiny|fer-net) \\(untrained\\), conv default: one face, 1 thread, 60 calls:"
                + " median ([0-9.]+) ms, p90 ([0-9.]+) ms, min ([0-9.]+) ms");
        Matcher tiny = arch.matcher(lines.get(0));
        Matcher net = arch.matcher(lines.get(1));
        assertTrue(tiny.matches() && tiny.group(1).equals("fer-tiny"), lines.get(0));
        assertTrue(net.matches() && net.group(1).equals("fer-net"), lines.get(1));
        // fer-net has ~150x fer-tiny's multiply-adds: its fastest call is slower than tiny's median
        assertTrue(Double.parseDouble(net.group(4)) > Double.parseDouble(tiny.group(2)), String.join("\n", lines));
    }

    @Test
    void archAndModelTogetherOrAnUnknownArchAreUsageErrors() {
        var err = new ByteArrayOutputStream();
        assertEquals(2, FerTrainer.run(List.of("latency", "--arch", "fer-net", "--model", "m.fer"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(err.toString().contains("give --model or --arch, not both"), err.toString());
        err.reset();
        assertEquals(2, FerTrainer.run(List.of("latency", "--arch", "resnet"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertTrue(err.toString().contains("got 'resnet'"), err.toString());
    }

    /** Runs {@code latency} with these options; it must succeed with two lines of output. */
    private static List<String> twoLines(String... options) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("latency"));
        args.addAll(List.of(options));
        assertEquals(0, FerTrainer.run(args, new PrintStream(out), new PrintStream(err)), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        return lines;
    }

    @Test
    void anUnknownAlgorithmIsAUsageError() {
        var err = new ByteArrayOutputStream();
        int status = FerTrainer.run(List.of("latency", "--conv", "fastest"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("--conv takes default, gemm, winograd, fft or auto, got 'fastest'"), err.toString());
    }
}
