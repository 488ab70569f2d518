package dev.fer.bench.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used by other processes (in cores) while something was timed, measured the way
 * torch_bench.py and peak.c measure it: machine-wide busy time from {@code /proc/stat}
 * (user+nice+system+irq+softirq) minus this process's CPU time, over the wall time. Beside it the
 * hypervisor's steal time (cores of our vCPUs it ran other guests on), which no process in this
 * machine shows: on a shared host it is what makes a window slow while the foreign load reads
 * zero. NaN where {@code /proc/stat} cannot be read.
 */
public final class ForeignLoad {
    private static final Path STAT = Path.of("/proc/stat");
    /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream kernel. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final double busyStart;
    private final double stealStart;
    private final double ownStart;
    private final long wallStart;

    private ForeignLoad() {
        busyStart = machineBusySeconds();
        stealStart = machineStealSeconds();
        ownStart = ownCpuSeconds();
        wallStart = System.nanoTime();
    }

    /** Starts measuring now. */
    public static ForeignLoad start() {
        return new ForeignLoad();
    }

    /** Cores used by other processes since {@link #start()}. */
    public double cores() {
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        double foreign = (machineBusySeconds() - busyStart) - (ownCpuSeconds() - ownStart);
        return Math.max(0, foreign / Math.max(wall, 1e-9));
    }

    /**
     * Cores this process used since {@link #start()}: below the thread count it was timed with,
     * the scheduler gave part of its time to other processes.
     */
    public double ownCores() {
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        return (ownCpuSeconds() - ownStart) / Math.max(wall, 1e-9);
    }

    /** Cores the hypervisor took from this machine's vCPUs since {@link #start()}. */
    public double stolenCores() {
        double wall = (System.nanoTime() - wallStart) * 1e-9;
        return Math.max(0, (machineStealSeconds() - stealStart) / Math.max(wall, 1e-9));
    }

    static double machineBusySeconds() {
        return fromCpuLine(ForeignLoad::busySeconds);
    }

    static double machineStealSeconds() {
        return fromCpuLine(ForeignLoad::stealSeconds);
    }

    /** A counter of /proc/stat's machine-wide cpu line, NaN where it cannot be read. */
    private static double fromCpuLine(java.util.function.ToDoubleFunction<String> counter) {
        try {
            return counter.applyAsDouble(Files.readAllLines(STAT).getFirst());
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Busy seconds of a {@code cpu ...} line of /proc/stat. */
    static double busySeconds(String cpuLine) {
        String[] f = cpuFields(cpuLine, 8);
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7}) {   // user nice system (idle iowait) irq softirq
            busy += Long.parseLong(f[i]);
        }
        return busy / TICKS_PER_SECOND;
    }

    /** Steal seconds (the 8th counter) of a {@code cpu ...} line of /proc/stat. */
    static double stealSeconds(String cpuLine) {
        return Long.parseLong(cpuFields(cpuLine, 9)[8]) / TICKS_PER_SECOND;
    }

    private static String[] cpuFields(String cpuLine, int needed) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < needed) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        return f;
    }

    private static double ownCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() * 1e-9;
        }
        return Double.NaN;
    }
}
