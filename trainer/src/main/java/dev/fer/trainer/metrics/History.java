package dev.fer.trainer.metrics;

import dev.fer.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Per-epoch figures of a training run; saved as {@code history.csv} and drawn as training curves. */
public final class History {
    public static final String HEADER = "epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,val_macro_f1,seconds";

    public record Epoch(int epoch, double lr, double trainLoss, double trainAccuracy, double valLoss,
                        double valAccuracy, double valMacroF1, double seconds) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f", epoch, lr, trainLoss,
                    trainAccuracy, valLoss, valAccuracy, valMacroF1, seconds);
        }

        static Epoch parse(String line) {
            String[] c = line.split(",");
            return new Epoch(Integer.parseInt(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                    Double.parseDouble(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                    Double.parseDouble(c[6]), Double.parseDouble(c[7]));
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();

    /**
     * Keeps the epoch as {@code history.csv} holds it (the figures rounded to its digits), so a run
     * resumed from a checkpoint, whose history comes back from that text, sees the same numbers as
     * the run that wrote it.
     */
    public void add(Epoch epoch) {
        epochs.add(Epoch.parse(epoch.csv()));
    }

    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    public int size() {
        return epochs.size();
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Epoch e : epochs) {
            sb.append(e.csv()).append('\n');
        }
        return sb.toString();
    }

    public static History parseCsv(String text) {
        History h = new History();
        text.lines().skip(1).filter(l -> !l.isBlank()).map(Epoch::parse).forEach(h::add);
        return h;
    }

    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv());
    }

    public static History load(Path file) throws IOException {
        return parseCsv(Files.readString(file));
    }
}
