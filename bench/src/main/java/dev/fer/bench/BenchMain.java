package dev.fer.bench;

import dev.fer.bench.engine.CompareCommand;
import dev.fer.bench.engine.WorkloadsCommand;
import dev.fer.bench.engine.ab.AbCommand;
import dev.fer.engine.launch.VectorApiRelauncher;

import java.util.Arrays;

/**
 * Entry point of {@code fer-bench.jar}:
 * <ul>
 *   <li>{@code workloads [--only W1,C2] [--threads 1,2] [--json FILE]}: the plain runner, every
 *       figure of WORKLOADS.md as JSON keyed like torch_bench.py's output;</li>
 *   <li>{@code compare ...}: the side-by-side table of our figures, PyTorch and the FMA peak;</li>
 *   <li>{@code ab --a ENGINE --b ENGINE ...}: two engine builds timed against each other, calls
 *       alternating in one JVM (see {@link AbCommand});</li>
 *   <li>anything else: JMH's own command line (e.g. {@code dev.fer.bench.engine -prof gc}).</li>
 * </ul>
 * A plain {@code java -jar} re-starts itself with the Vector API module (JMH forks add it through
 * their {@code @Fork} arguments).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        VectorApiRelauncher.relaunchIfNeeded(BenchMain.class.getName(), args);
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (command) {
            case "workloads" -> System.exit(WorkloadsCommand.run(rest));
            case "compare" -> System.exit(CompareCommand.run(rest));
            case "ab" -> System.exit(AbCommand.run(rest));
            default -> org.openjdk.jmh.Main.main(args);
        }
    }
}
