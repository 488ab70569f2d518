package dev.fer.app;

import dev.fer.app.analyze.AnalyzeCommand;
import dev.fer.app.bench.BenchCommand;
import dev.fer.app.cli.Command;
import dev.fer.app.ui.LiveCommand;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fer-app [live options]} opens the live window; {@code fer-app COMMAND ...} runs a
 * headless command.
 */
public final class FerApp {
    private FerApp() {}

    /** Every subcommand, in the order the usage text lists them. */
    static List<Command> commands() {
        return List.of(new LiveCommand(), new AnalyzeCommand(), new dev.fer.app.cli.DetectCommand(), new BenchCommand());
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands()) {
            byName.put(c.name(), c);
        }
        if (args.length > 0 && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
            printUsage(byName);
            return 0;
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            Command c = byName.get(args[0]);
            if (c == null) {
                System.err.println("fer-app: unknown command '" + args[0] + "'");
                printUsage(byName);
                return 2;
            }
            return c.run(Arrays.copyOfRange(args, 1, args.length));
        }
        return byName.get("live").run(args);
    }

    private static void printUsage(Map<String, Command> byName) {
        System.out.println("usage: fer-app [COMMAND] [OPTIONS]   (no command: the live window)");
        for (Command c : byName.values()) {
            System.out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        System.out.println("fer-app COMMAND --help shows a command's options (fer-app live --help: the window's)");
    }
}
