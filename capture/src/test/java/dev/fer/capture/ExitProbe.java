package dev.fer.capture;

import java.util.List;

/**
 * Run in a child JVM by {@link CleanExitTest}: opens each source given as an argument, reads up to
 * five frames, closes it, prints one line per source and the non-daemon threads left, then returns
 * from {@code main} without {@code System.exit}, so the JVM ends only if nothing keeps it alive.
 */
public final class ExitProbe {
    private ExitProbe() {}

    public static void main(String[] args) {
        for (String spec : args) {
            try (FrameSource source = FrameSources.open(spec)) {
                int frames = 0;
                while (frames < 5 && source.next() != null) {
                    frames++;
                }
                System.out.println("OK " + spec + " " + frames);
            } catch (CaptureException e) {
                System.out.println("MESSAGE " + spec + " " + e.getMessage());
            }
        }
        List<String> alive = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                .map(Thread::getName).toList();
        System.out.println("NON-DAEMON " + alive);
    }
}
