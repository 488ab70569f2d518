package dev.fer.trainer;

/** {@code fer-trainer train|evaluate ...}. */
public final class FerTrainer {
    private FerTrainer() {}

    public static void main(String[] args) throws Exception {
        System.err.println("usage: fer-trainer train|evaluate ...  (not built yet)");
        System.exit(2);
    }
}
