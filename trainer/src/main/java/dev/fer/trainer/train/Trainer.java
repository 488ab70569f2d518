package dev.fer.trainer.train;

import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Layer;
import dev.fer.engine.loss.SoftmaxCrossEntropy;
import dev.fer.engine.model.Sequential;
import dev.fer.engine.optim.Adam;
import dev.fer.engine.optim.LearningRateSchedule;
import dev.fer.engine.optim.Optimizer;
import dev.fer.engine.optim.ReduceOnPlateau;
import dev.fer.engine.optim.Sgd;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.augment.Augmenter;
import dev.fer.trainer.data.FaceSet;
import dev.fer.trainer.eval.Evaluator;
import dev.fer.trainer.metrics.Charts;
import dev.fer.trainer.metrics.History;
import dev.fer.trainer.model.EmotionClassifier;
import dev.fer.trainer.model.Networks;
import dev.fer.trainer.progress.ProgressBar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The training loop: epochs of augmented, shuffled batches; validation after each epoch; the
 * learning-rate schedule; early stopping that keeps the best weights (best validation accuracy,
 * ties broken by macro F1); a checkpoint after every epoch; {@code history.csv} and
 * {@code training-curves.png} kept up to date in the run folder.
 */
public final class Trainer {
    /** Faces of the training set re-measured without augmentation after each epoch (train accuracy). */
    private static final int TRAIN_PROBE = 2000;
    private static final int PREFETCH = 4;

    private final TrainConfig config;
    private final int threads;
    private final Path runDir;
    private final PrintStream log;

    /** What a run produced: the best (restored) model and its epoch. */
    public record Result(Sequential model, int bestEpoch, double bestAccuracy, History history) {}

    public Trainer(TrainConfig config, int threads, Path runDir, PrintStream log) {
        this.config = config;
        this.threads = threads;
        this.runDir = runDir;
        this.log = log;
    }

    /**
     * Whether an epoch's validation figures beat the best so far: a higher accuracy, or the same
     * accuracy (the same count of correct faces, so the doubles are equal exactly) with a higher
     * macro F1, the fairer to the rare classes of two equally accurate epochs.
     */
    static boolean isBetter(double accuracy, double macroF1, double bestAccuracy, double bestMacroF1) {
        return accuracy > bestAccuracy || (accuracy == bestAccuracy && macroF1 > bestMacroF1);
    }

    /** The validation macro F1 of that epoch in the history (a resumed run's included); -1 before any. */
    private static double macroF1At(History history, int epoch) {
        return history.epochs().stream().filter(e -> e.epoch() == epoch).mapToDouble(History.Epoch::valMacroF1)
                .findFirst().orElse(-1);
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(runDir.resolve("checkpoint"));
    }

    /**
     * Trains (or, with {@code resume}, continues the run in the run folder) and returns the model
     * with the best validation accuracy loaded.
     */
    public Result train(FaceSet train, FaceSet validation, boolean resume) throws IOException {
        Networks.register();
        Sequential model = Architectures.create(config.arch()).seed(Seeds.derive(config.seed(), Seeds.INIT, 0, 0))
                .threads(threads).loss(new SoftmaxCrossEntropy((float) config.labelSmoothing())).build();
        Optimizer optimizer = optimizer(model);
        Checkpoint checkpoint = checkpoint();
        Checkpoint.State state = new Checkpoint.State(0, 0, -1, new History());
        if (resume) {
            var restored = checkpoint.restore(config, model, optimizer);
            if (restored.isPresent()) {
                state = restored.get();
                log.printf(Locale.ROOT, "resuming after epoch %d of %d (best %.4f at epoch %d)%n", state.epochsDone(),
                        config.totalEpochs(), state.bestAccuracy(), state.bestEpoch());
            } else {
                log.println("no checkpoint in " + checkpoint.dir() + " yet: starting a new run");
            }
        } else if (Files.isDirectory(checkpoint.dir())) {
            log.println("note: starting over; the checkpoint in " + checkpoint.dir() + " will be replaced");
        }
        if (config.init() != null && state.epochsDone() == 0) {
            initialize(model, Path.of(config.init()));
            double start = Evaluator.evaluate(EmotionClassifier.of(model), validation, null).matrix().accuracy();
            log.printf(Locale.ROOT, "starting from the weights of %s: validation accuracy %.4f%n", config.init(), start);
        }
        log.printf(Locale.ROOT, "%s: %,d trainable parameters; %,d training faces, %,d validation faces; %d threads%n",
                config.arch(), model.parameterCount(), train.size(), validation.size(), threads);
        if (!config.restarts().isEmpty()) {
            log.printf(Locale.ROOT, "%d epochs, then warm restarts of %s epochs from the best weights at lr %.0e"
                    + " (%d epochs in all; --restarts none: no restarts)%n", config.epochs(),
                    config.restarts().replace(",", ", "), config.restartLr(), config.totalEpochs());
        }

        ReduceOnPlateau plateau = config.schedule().equals("plateau") ? new ReduceOnPlateau(0.5f, 5, (float) config.lr() / 100) : null;
        if (plateau != null) {
            // the plateau's memory is a function of the validation losses so far: replay them
            optimizer.learningRate((float) config.lr());
            for (History.Epoch e : state.history().epochs()) {
                plateau.update(optimizer, e.valLoss());
            }
        }
        LearningRateSchedule[] schedules = schedules();
        EpochOrder order = new EpochOrder(train, config.classWeights());
        Augmenter augmenter = new Augmenter(config.augmentation());
        BatchTargets targets = BatchTargets.of(config, train, threads, log);
        FaceSet probe = train.subset(Arrays.copyOf(Seeds.permutation(train.size(), config.seed(), -1),
                Math.min(TRAIN_PROBE, train.size())));
        EmotionClassifier classifier = EmotionClassifier.of(model);

        int epoch = state.epochsDone();
        int firstEpoch = epoch;
        long runStart = System.nanoTime();
        int bestEpoch = state.bestEpoch();
        double bestAccuracy = state.bestAccuracy();
        History history = state.history();
        try (ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
            Thread t = new Thread(r, "augment");
            t.setDaemon(true);
            return t;
        })) {
            while (epoch < config.totalEpochs() && !(config.patience() > 0 && epoch - bestEpoch >= config.patience() && bestEpoch > 0)) {
                int cycle = config.cycleOf(epoch);
                int cycleStart = config.cycleStart(cycle);
                if (cycle > 0 && epoch == cycleStart && bestEpoch > 0) {
                    // a warm restart: the best weights so far, a fresh optimizer, a new cosine cycle
                    // (decided by the epoch alone, so a run resumed at this point does the same)
                    Checkpoint.copyWeights(Sequential.load(checkpoint.bestModel()), model);
                    optimizer = optimizer(model);
                    log.printf(Locale.ROOT, "restart %d of %d from the best weights (epoch %d, validation accuracy %.4f):"
                                    + " %d epochs from lr %.0e%n", cycle, config.cycleEpochs().length - 1, bestEpoch,
                            bestAccuracy, config.cycleEpochs()[cycle], config.restartLr());
                }
                if (plateau == null) {
                    optimizer.learningRate(schedules[cycle].rate(epoch - cycleStart));
                }
                float lr = optimizer.learningRate();
                // a fresh dropout stream per epoch (the engine re-seeds its context when the kernels
                // are set), so an epoch's dropout does not depend on whether the run was resumed
                model.kernels(Kernels.best());
                long start = System.nanoTime();
                int[] faces = order.epoch(config.seed(), epoch);
                var stream = new BatchStream(train, faces, config.batch(), true, augmenter, config.seed(), epoch, workers, PREFETCH);
                double lossSum = 0;
                int seen = 0;
                double[] running = {0};
                String label = String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, config.totalEpochs());
                try (ProgressBar bar = new ProgressBar(log, label, faces.length, "img")
                        .extra(() -> String.format(Locale.ROOT, "loss %.4f", running[0]))) {
                    while (stream.hasNext()) {
                        BatchStream.Batch batch = stream.next();
                        float loss = targets.trainStep(model, batch, epoch);
                        if (!Float.isFinite(loss)) {
                            throw new IllegalStateException("the loss diverged (" + loss + ") in epoch " + (epoch + 1)
                                    + ", batch " + batch.index + ": lower --lr");
                        }
                        optimizer.step();
                        lossSum += (double) loss * batch.count;
                        seen += batch.count;
                        running[0] = lossSum / seen;
                        bar.step(batch.count);
                    }
                }
                Evaluator.Result trainFit = Evaluator.evaluate(classifier, probe, null);
                Evaluator.Result val = Evaluator.evaluate(classifier, validation, null);
                epoch++;
                double seconds = (System.nanoTime() - start) / 1e9;
                double accuracy = val.matrix().accuracy();
                history.add(new History.Epoch(epoch, lr, lossSum / Math.max(1, seen), trainFit.matrix().accuracy(),
                        val.meanLoss(), accuracy, val.matrix().macroF1(), seconds));
                // decisions read the figures as the history keeps them, as a resumed run reads them back
                History.Epoch recorded = history.epochs().getLast();
                if (isBetter(accuracy, recorded.valMacroF1(), bestAccuracy, macroF1At(history, bestEpoch))) {
                    bestAccuracy = accuracy;
                    bestEpoch = epoch;
                    model.save(checkpoint.bestModel());
                }
                if (plateau != null) {
                    plateau.update(optimizer, recorded.valLoss());
                }
                // the whole run's ETA from this process's mean epoch (early stopping may end it sooner)
                double perEpoch = (System.nanoTime() - runStart) / 1e9 / (epoch - firstEpoch);
                String eta = epoch < config.totalEpochs()
                        ? "  run ETA " + ProgressBar.clock(perEpoch * (config.totalEpochs() - epoch)) : "";
                log.printf(Locale.ROOT, "epoch %d/%d  lr %.2e  train loss %.4f acc %.4f  val loss %.4f acc %.4f macro-F1 %.4f"
                                + "  best %.4f (epoch %d)  %.0f s (%.0f img/s)%s%n", epoch, config.totalEpochs(), lr,
                        lossSum / Math.max(1, seen), trainFit.matrix().accuracy(), val.meanLoss(), accuracy,
                        val.matrix().macroF1(), bestAccuracy, bestEpoch, seconds, seen / seconds, eta);
                checkpoint.save(config, model, optimizer, new Checkpoint.State(epoch, bestEpoch, bestAccuracy, history));
                history.save(runDir.resolve("history.csv"));
                Charts.trainingCurves(history, runDir.resolve("training-curves.png"));
            }
        }
        if (epoch < config.totalEpochs()) {
            log.printf(Locale.ROOT, "early stop after epoch %d: no better validation accuracy for %d epochs%n", epoch, config.patience());
        }
        if (bestEpoch > 0) {
            Checkpoint.copyWeights(Sequential.load(checkpoint.bestModel()), model);
        }
        return new Result(model, bestEpoch, bestAccuracy, history);
    }

    /**
     * Replaces the seeded weights with those of a model file of the same architecture. A model saved
     * for inference has its batch norm folded away and cannot be trained on; say so.
     */
    private void initialize(Sequential model, Path file) throws IOException {
        Sequential source = Sequential.load(file);
        List<String> want = model.layers().stream().map(Layer::kind).toList();
        List<String> have = source.layers().stream().map(Layer::kind).toList();
        if (!want.equals(have)) {
            throw new IOException(file + ": --init needs a model of architecture " + config.arch() + " with batch norm"
                    + " not folded (a run's checkpoint/best.fer); its layers are " + have + ", " + config.arch()
                    + " has " + want);
        }
        try {
            Checkpoint.copyWeights(source, model);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": --init: " + e.getMessage() + " (the model has other layer sizes than "
                    + config.arch() + ")", e);
        }
    }

    private Optimizer optimizer(Sequential model) {
        float lr = (float) config.lr();
        return switch (config.optimizer()) {
            case "adam" -> new Adam(model.params(), lr).weightDecay((float) config.weightDecay());
            case "sgd" -> new Sgd(model.params(), lr, 0.9f, true).weightDecay((float) config.weightDecay());
            default -> throw new IllegalArgumentException("optimizer must be adam or sgd: " + config.optimizer());
        };
    }

    /** One schedule per cycle (the first run, then each restart), over the cycle's own epochs. */
    private LearningRateSchedule[] schedules() {
        int[] cycles = config.cycleEpochs();
        LearningRateSchedule[] schedules = new LearningRateSchedule[cycles.length];
        for (int c = 0; c < cycles.length; c++) {
            float lr = (float) (c == 0 ? config.lr() : config.restartLr());
            schedules[c] = switch (config.schedule()) {
                case "cosine" -> LearningRateSchedule.cosine(lr, lr / 100, cycles[c],
                        Math.min(config.warmupEpochs(), cycles[c] - 1));
                case "step" -> LearningRateSchedule.step(lr, 0.5f, 10);
                case "constant", "plateau" -> LearningRateSchedule.constant(lr);
                default -> throw new IllegalArgumentException("schedule must be cosine, step, plateau or constant: "
                        + config.schedule());
            };
        }
        return schedules;
    }
}
