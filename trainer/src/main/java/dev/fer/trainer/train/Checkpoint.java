package dev.fer.trainer.train;

import com.google.gson.Gson;
import dev.fer.engine.layer.Param;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.optim.Optimizer;
import dev.fer.engine.io.AtomicFiles;
import dev.fer.trainer.metrics.History;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A training run's state after a whole epoch, in a folder: {@code epoch-NNNN.fer} (the model, in
 * the engine's format) and {@code epoch-NNNN.state} (everything else: the config, the history, the
 * best epoch so far, the optimizer's state). Both are written atomically, the state file last, so
 * an epoch counts only when both are complete: a run killed at any moment (kill -9 included)
 * resumes from the last finished epoch. The data order, augmentation and dropout of an epoch are
 * derived from (seed, epoch), so nothing random needs saving beyond the epoch number.
 * The two newest epochs are kept.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x4645524B; // "FERK"
    private static final int VERSION = 1;
    private static final Pattern STATE = Pattern.compile("epoch-(\\d{4,})\\.state");
    private static final int KEEP = 2;

    /** What a resumed run continues from. */
    public record State(int epochsDone, int bestEpoch, double bestAccuracy, History history) {}

    private final Path dir;

    public Checkpoint(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The model file holding the best weights so far (unfolded, so training could go on from it). */
    public Path bestModel() {
        return dir.resolve("best.fer");
    }

    private Path modelFile(int epoch) {
        return dir.resolve(String.format("epoch-%04d.fer", epoch));
    }

    private Path stateFile(int epoch) {
        return dir.resolve(String.format("epoch-%04d.state", epoch));
    }

    public void save(TrainConfig config, Sequential model, Optimizer optimizer, State state) throws IOException {
        Files.createDirectories(dir);
        int epoch = state.epochsDone();
        model.save(modelFile(epoch));
        List<Param> trainable = trainable(model);
        AtomicFiles.write(stateFile(epoch), stream -> {
            var out = new DataOutputStream(stream);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(new Gson().toJson(config));
            out.writeInt(state.epochsDone());
            out.writeInt(state.bestEpoch());
            out.writeDouble(state.bestAccuracy());
            writeLong(out, state.history().toCsv());
            OptimizerState.write(optimizer, trainable, out);
            out.flush();
        });
        pruneOlderThan(epoch);
    }

    /**
     * Restores the newest complete epoch into {@code model} and {@code optimizer}.
     *
     * @return empty when there is no checkpoint yet
     * @throws IOException when the checkpoint was made with another config (say which setting)
     */
    public Optional<State> restore(TrainConfig config, Sequential model, Optimizer optimizer) throws IOException {
        for (int epoch : epochsNewestFirst()) {
            Path stateFile = stateFile(epoch);
            Path modelFile = modelFile(epoch);
            if (!Files.isRegularFile(modelFile)) {
                continue;
            }
            try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(stateFile)))) {
                if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                    throw new IOException(stateFile + ": not a fer-trainer checkpoint of version " + VERSION);
                }
                TrainConfig saved = new Gson().fromJson(in.readUTF(), TrainConfig.class);
                if (!saved.equals(config)) {
                    throw new IOException(stateFile + ": the checkpoint was made with other settings:\n  checkpoint "
                            + saved + "\n  this run   " + config
                            + "\nuse the same options to resume, or another --out to start a new run");
                }
                State state = new State(in.readInt(), in.readInt(), in.readDouble(), History.parseCsv(readLong(in)));
                copyWeights(Sequential.load(modelFile), model);
                OptimizerState.read(optimizer, trainable(model), in);
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** Copies every parameter and state array (BN running statistics too) between equal architectures. */
    public static void copyWeights(Sequential from, Sequential to) {
        List<Param> source = from.params();
        List<Param> target = to.params();
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("architectures differ: " + source.size() + " vs " + target.size() + " parameter arrays");
        }
        for (int i = 0; i < source.size(); i++) {
            Param s = source.get(i);
            Param t = target.get(i);
            if (s.size() != t.size()) {
                throw new IllegalArgumentException("architectures differ at " + t.name() + ": " + s.size() + " vs " + t.size());
            }
            System.arraycopy(s.value, 0, t.value, 0, s.size());
            t.changed();
        }
    }

    private static List<Param> trainable(Sequential model) {
        return model.params().stream().filter(Param::trainable).toList();
    }

    private List<Integer> epochsNewestFirst() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Integer> epochs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = STATE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    epochs.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        epochs.sort((a, b) -> Integer.compare(b, a));
        return epochs;
    }

    private void pruneOlderThan(int epoch) throws IOException {
        for (int old : epochsNewestFirst()) {
            if (old <= epoch - KEEP) {
                Files.deleteIfExists(stateFile(old));
                Files.deleteIfExists(modelFile(old));
            }
        }
    }

    /** writeUTF is limited to 64 KB; the history of a long run can be longer. */
    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
