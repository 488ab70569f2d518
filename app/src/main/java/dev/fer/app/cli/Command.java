package dev.fer.app.cli;

/** One subcommand of {@code fer-app}. */
public interface Command {
    /** The word that selects it, e.g. {@code detect}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs it; returns the process exit code. */
    int run(String[] args) throws Exception;
}
