package dev.fer.app.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of one subcommand: {@code --name value} options, {@code --flag} switches and
 * positional arguments, in any order. Unknown options and missing values are errors that name the
 * option, thrown as {@link UsageException}.
 */
public final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    /** Thrown for a command line that cannot be run; the message says what is wrong. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param withValue options that take a value, e.g. {@code --json}
     * @param switches  options that stand alone, e.g. {@code --no-tracking}
     */
    public static Options parse(String[] args, Set<String> withValue, Set<String> switches) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.contains("=")) {
                String name = a.substring(0, a.indexOf('='));
                if (!withValue.contains(name)) {
                    throw new UsageException("unknown option " + name);
                }
                o.values.put(name, a.substring(a.indexOf('=') + 1));
            } else if (withValue.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                o.values.put(a, args[++i]);
            } else if (switches.contains(a)) {
                o.flags.add(a);
            } else if (a.startsWith("--")) {
                throw new UsageException("unknown option " + a);
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    /** Whether the command line asks for the usage text ({@code --help} or {@code -h}). */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** The flag that sets how many threads the detector and the model use. */
    public static final String THREADS = "--threads";

    /** {@code --threads N}: threads for detection and classification, all cores by default. */
    public int threads() throws UsageException {
        int n = getInt(THREADS, Runtime.getRuntime().availableProcessors());
        if (n < 1) {
            throw new UsageException(THREADS + " must be at least 1, got " + n);
        }
        return n;
    }

    public double getDouble(String name, double fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, got '" + v + "'");
        }
    }

    public int getInt(String name, int fallback) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, got '" + v + "'");
        }
    }
}
