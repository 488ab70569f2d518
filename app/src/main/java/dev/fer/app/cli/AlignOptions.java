package dev.fer.app.cli;

import dev.fer.app.cli.Options.UsageException;

/** {@code --align on|off}: level the eyes of each face before classifying it (detectors that give eyes). */
public final class AlignOptions {
    private AlignOptions() {}

    public static final String FLAG = "--align";

    public static final String USAGE = """
              --align on|off     turn each face so its eyes are level before classifying it (default on;
                                 needs eye positions, which blazeface gives and haar does not)
            """;

    /** Whether {@code --align} asks for alignment (on when not given). */
    public static boolean parse(Options o) throws UsageException {
        String value = o.get(FLAG, "on");
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(FLAG + " takes on or off, got '" + value + "'");
        };
    }
}
