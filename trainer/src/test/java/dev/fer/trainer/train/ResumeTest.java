package dev.fer.trainer.train;

import dev.fer.trainer.FerTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed with SIGKILL (destroyForcibly) after its first checkpoint, then resumed, ends with
 * exactly the model of an uninterrupted run with the same seed, a warm restart on the way included.
 */
class ResumeTest {
    @TempDir
    Path dir;

    /** A small synthetic data set: each class a different brightness pattern plus noise. */
    private Path syntheticData() throws IOException {
        Path root = dir.resolve("data");
        Random random = new Random(5);
        String[] classes = {"angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"};
        for (String split : new String[] {"train", "validation"}) {
            for (int c = 0; c < classes.length; c++) {
                Path folder = root.resolve(split).resolve(classes[c]);
                Files.createDirectories(folder);
                for (int i = 0; i < (split.equals("train") ? 24 : 6); i++) {
                    BufferedImage image = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
                    for (int y = 0; y < 48; y++) {
                        for (int x = 0; x < 48; x++) {
                            int band = (y / 7) == c ? 200 : 60;
                            image.getRaster().setSample(x, y, 0, Math.clamp(band + (int) (random.nextGaussian() * 30), 0, 255));
                        }
                    }
                    ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    private static List<String> trainArgs(Path data, Path out) {
        return List.of("train", "--data", data.toString(), "--out", out.toString(), "--arch", "fer-tiny",
                "--epochs", "3", "--restarts", "3", "--restart-lr", "1e-3", "--batch", "16", "--lr", "3e-3",
                "--threads", "2", "--seed", "11", "--mixup", "0.3");
    }

    @Test
    void resumingAKilledRunGivesTheUninterruptedResult() throws Exception {
        Path data = syntheticData();
        Path cache = dir.resolve("cache");
        System.setProperty("fer.cache", cache.toString());
        try {
            Path straight = dir.resolve("straight/model.fer");
            var log = new ByteArrayOutputStream();
            assertEquals(0, FerTrainer.run(trainArgs(data, straight), new PrintStream(log), new PrintStream(log)), log.toString());
            assertTrue(log.toString().contains("run ETA"), "each epoch line but the last says when the run ends\n" + log);

            Path resumed = dir.resolve("resumed/model.fer");
            Path childLog = dir.resolve("child.log");
            Process child = startTrainer(trainArgs(data, resumed), cache, childLog);
            Path checkpoints = resumed.resolveSibling("checkpoint");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!hasEpochState(checkpoints) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), "the child run ended before it could be killed:\n"
                    + Files.readString(childLog));
            String seen = listing(checkpoints);
            child.destroyForcibly().waitFor();
            assertTrue(!Files.exists(resumed), "killed before it finished; checkpoints seen: " + seen + "\n"
                    + Files.readString(childLog));
            assertTrue(!Files.exists(checkpoints.resolve("epoch-0006.state")), "killed before the last epoch");

            List<String> resume = new ArrayList<>(trainArgs(data, resumed));
            resume.add("--resume");
            var log2 = new ByteArrayOutputStream();
            assertEquals(0, FerTrainer.run(resume, new PrintStream(log2), new PrintStream(log2)), log2.toString());
            assertTrue(log2.toString().contains("resuming after epoch"), log2.toString());
            // killed in the first cycle, the resumed run makes the warm restart itself
            assertTrue(log2.toString().contains("restart 1 of 1 from the best weights"), log2.toString());
            assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed),
                    "the resumed run's model differs from the uninterrupted one");
            assertEquals(Files.readString(straight.resolveSibling("history.csv")).lines().map(ResumeTest::withoutTime).toList(),
                    Files.readString(resumed.resolveSibling("history.csv")).lines().map(ResumeTest::withoutTime).toList());
        } finally {
            System.clearProperty("fer.cache");
        }
    }

    private static boolean hasEpochState(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (var files = Files.list(checkpoints)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("epoch-\\d+\\.state"));
        }
    }

    private static String listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().toString();
        }
    }

    /** The last history column is wall time, which differs between runs. */
    private static String withoutTime(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }

    private static Process startTrainer(List<String> args, Path cache, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Dfer.cache=" + cache,
                "-cp", System.getProperty("java.class.path"), FerTrainer.class.getName()));
        command.addAll(args);
        // output to a file: an unread pipe would fill up and stall the child
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
