package dev.fer.trainer.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and {@code --flag} switches of one command, with errors that say
 * which option is wrong and how. Every option must be read (or declared a flag) before
 * {@link #rejectUnknown()}, so a typo never passes silently.
 */
public final class Args {
    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    private Args(String command) {
        this.command = command;
    }

    /** Parses {@code args}; the names in {@code flags} take no value. */
    public static Args parse(String command, List<String> args, Set<String> flags) {
        Args parsed = new Args(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (flags.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(command + ": --" + name + " needs a value");
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    public boolean flag(String name) {
        used.add(name);
        String v = values.get(name);
        return v != null && !v.equalsIgnoreCase("false");
    }

    public String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command + ": --" + name + " is required");
        }
        return v;
    }

    public Path path(String name, Path fallback) {
        String v = string(name, null);
        return v == null ? fallback : Path.of(v);
    }

    public int integer(String name, int fallback, int min) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    public long longValue(String name, long fallback) {
        String v = string(name, null);
        try {
            return v == null ? fallback : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be an integer, got '" + v + "'");
        }
    }

    public double number(String name, double fallback, double min, double max) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v.strip());
            if (!(x >= min && x <= max)) {
                throw new UsageException(command + ": --" + name + " must be in [" + min + ", " + max + "], got " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number, got '" + v + "'");
        }
    }

    /** One of {@code choices}, case-insensitively, returned in lower case. */
    public String choice(String name, String fallback, List<String> choices) {
        String v = string(name, fallback).toLowerCase(Locale.ROOT);
        if (!choices.contains(v)) {
            throw new UsageException(command + ": --" + name + " must be one of " + String.join(", ", choices)
                    + ", got '" + v + "'");
        }
        return v;
    }

    public void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException(command + ": unknown option --" + name);
            }
        }
    }

    /** A mistake in the command line: printed with the usage, exit status 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
