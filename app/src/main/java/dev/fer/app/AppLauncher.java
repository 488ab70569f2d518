package dev.fer.app;

import dev.fer.engine.launch.VectorApiRelauncher;

/** Main-Class of fer-app.jar: makes sure the Vector API is loaded, then runs {@link FerApp}. */
public final class AppLauncher {
    private AppLauncher() {}

    public static void main(String[] args) throws Exception {
        VectorApiRelauncher.relaunchIfNeeded(FerApp.class.getName(), args);
        FerApp.main(args);
    }
}
