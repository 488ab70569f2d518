package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each case runs {@link ExitProbe} in a fresh JVM (sarxos's driver is global, and only a fresh JVM
 * shows whether anything keeps it alive), with its own temp folder to look for lock files in.
 */
class CleanExitTest {
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err, Path tmpDir, Path classLog) {}

    private Run probe(List<String> jvmOptions, String... specs) throws IOException, InterruptedException {
        Path childTmp = Files.createDirectory(tmp.resolve("java-tmp"));
        Path classLog = tmp.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + childTmp,
                "-Djava.awt.headless=true",
                "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + classLog));
        command.addAll(jvmOptions);
        command.add(ExitProbe.class.getName());
        command.addAll(List.of(specs));
        Process child = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .start();
        boolean ended = child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertTrue(ended, "the JVM did not exit by itself after closing its sources\n" + out + err);
        return new Run(child.exitValue(), out, err, childTmp, classLog);
    }

    private static void assertNoLockFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> locks = files.filter(p -> p.getFileName().toString().contains("webcam-lock")).toList();
            assertEquals(List.of(), locks, "sarxos lock files left behind");
        }
    }

    @Test
    void virtualCamerasFromTheSystemPropertyRunWithoutNativeCodeAndExitCleanly() throws Exception {
        List<Path> photos = TestData.facePhotos(2);
        Path folder = Files.createDirectory(tmp.resolve("seq"));
        for (int i = 0; i < 2; i++) {
            Files.copy(photos.get(i), folder.resolve("p" + i + ".jpg"));
        }
        Run run = probe(List.of("-Dfer.cameras=" + folder + ";" + photos.getFirst()),
                "0", "camera:1", "virtual:" + photos.get(1), "camera:0", "5");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        // the property's cameras play like cameras (looping), so the probe's 5 frames come from each
        assertTrue(run.out().contains("OK 0 5\n"), run.out());
        assertTrue(run.out().contains("OK camera:1 5\n"), run.out());
        assertTrue(run.out().contains("OK virtual:" + photos.get(1) + " 1\n"), "virtual: plays once by default\n" + run.out());
        assertTrue(run.out().contains("OK camera:0 5\n"), "the property's cameras are back after virtual:\n" + run.out());
        assertTrue(run.out().contains("MESSAGE 5 There is no camera 5."), run.out());
        assertTrue(run.out().contains("NON-DAEMON []"), run.out());
        assertFalse(Files.readString(run.classLog()).contains("org.bridj"), "BridJ (sarxos's native driver) was loaded");
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertFalse(run.err().contains("SLF4J"), "slf4j found its 1.7 binding (slf4j-nop):\n" + run.err());
        assertNoLockFiles(run.tmpDir());
    }

    @Test
    void theNativeDriverWithoutACameraGivesAMessageAndExitsCleanly() throws Exception {
        Run run = probe(List.of(), "0");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        // this machine has no camera: either sarxos lists none, or (no libv4l-0) camera support cannot start
        boolean explained = run.out().contains("MESSAGE 0 No camera found.")
                || run.out().contains("MESSAGE 0 Camera support could not start")
                || run.out().contains("OK 0 5"); // a machine that has a camera
        assertTrue(explained, run.out());
        assertTrue(run.out().contains("NON-DAEMON []"), run.out());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertNoLockFiles(run.tmpDir());
    }
}
