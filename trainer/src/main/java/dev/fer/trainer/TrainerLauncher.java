package dev.fer.trainer;

import dev.fer.engine.launch.VectorApiRelauncher;

/** Main-Class of fer-trainer.jar: makes sure the Vector API is loaded, then runs {@link FerTrainer}. */
public final class TrainerLauncher {
    private TrainerLauncher() {}

    public static void main(String[] args) throws Exception {
        VectorApiRelauncher.relaunchIfNeeded(FerTrainer.class.getName(), args);
        FerTrainer.main(args);
    }
}
