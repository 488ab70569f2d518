package dev.fer.engine.launch;

import java.lang.module.ModuleFinder;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes {@code java -jar fer-*.jar} work without extra flags.
 *
 * <p>A jar manifest cannot add an incubator module, so a plain {@code java -jar} starts without
 * {@code jdk.incubator.vector}. The launcher re-starts the same JVM (same executable, same JVM
 * options, same class path) with {@code --add-modules jdk.incubator.vector} and passes the exit
 * code through. When the runtime image has no such module at all (a minimal jlink image), it does
 * not re-start; the engine then runs its scalar kernels.
 */
public final class VectorApiRelauncher {
    static final String MODULE = "jdk.incubator.vector";
    static final String RELAUNCHED_PROPERTY = "fer.relaunched";

    private VectorApiRelauncher() {}

    /** True when the Vector API module is resolved in this JVM. */
    public static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Re-runs {@code mainClass} in a child JVM with the Vector API when this JVM lacks it and the
     * runtime has it. Returns normally (the caller then runs its real main) when no re-start is
     * needed or possible; otherwise never returns: it exits with the child's exit code.
     */
    public static void relaunchIfNeeded(String mainClass, String[] args) {
        if (vectorApiLoaded()
                || Boolean.getBoolean(RELAUNCHED_PROPERTY)
                || ModuleFinder.ofSystem().find(MODULE).isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + "/bin/java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("--add-modules=" + MODULE);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + RELAUNCHED_PROPERTY + "=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            System.exit(child.waitFor());
        } catch (Exception e) {
            System.err.println("fer: could not re-start the JVM with " + MODULE + " (" + e.getMessage()
                    + "); continuing with scalar kernels");
        }
    }
}
