package dev.fer.trainer.train;

import dev.fer.trainer.augment.Augmentation;
import dev.fer.trainer.model.Networks;

import java.util.Arrays;
import java.util.List;

/**
 * Everything that decides a training run's result. The defaults are the recipe of the default
 * model; a checkpoint stores the config and a resumed run must match it (threads and paths aside).
 *
 * @param arch           architecture name in the engine's zoo
 * @param epochs         epochs at most (early stopping may end sooner)
 * @param batch          faces per training step
 * @param lr             peak learning rate
 * @param optimizer      "adam" (AdamW when weightDecay > 0) or "sgd" (Nesterov momentum 0.9)
 * @param schedule       "cosine" (warm-up, then cosine decay to lr/100), "step" (x0.5 every 10
 *                       epochs), "plateau" (x0.5 after 5 epochs without a better validation loss)
 *                       or "constant"
 * @param warmupEpochs   linear warm-up epochs of the cosine schedule
 * @param patience       early stopping: epochs without a better validation accuracy (0 = off)
 * @param labelSmoothing target smoothing of the cross-entropy
 * @param weightDecay    decoupled weight decay of AdamW, or SGD's L2 weight decay (coupled: added to
 *                       the gradient); on weights, not biases or batch norm
 * @param augment        "standard" or "none"
 * @param classWeights   "none", "sqrt" or "balanced": class-weighted sampling of each epoch
 * @param limitPerClass  use only the first N training faces of each class (0 = all)
 * @param seed           seeds weights, data order, augmentation and dropout
 * @param init           a model file whose weights replace the seeded ones before the first epoch
 *                       (fine-tuning a finished run; null = train from scratch)
 * @param restarts       warm restarts after the first {@code epochs}: comma-separated cycle lengths
 *                       in epochs ("" = none). Each cycle starts from the best weights so far with a
 *                       fresh optimizer and its own cosine schedule from {@code restartLr} (warm-up
 *                       as above), so validation picks the best weights of every cycle. Cosine only.
 * @param restartLr      peak learning rate of every restart cycle
 * @param mixup          mixup's Beta(alpha, alpha) parameter for blending each batch with itself
 *                       shuffled (0 = off; a checkpoint written before mixup existed reads as 0)
 * @param teachers       knowledge distillation: comma-separated model files (or "default") whose
 *                       mean probabilities blend into the targets ("" = none)
 * @param distill        the teachers' share of each target, in (0, 1] (0 without teachers)
 */
public record TrainConfig(String arch, int epochs, int batch, double lr, String optimizer, String schedule,
                          int warmupEpochs, int patience, double labelSmoothing, double weightDecay,
                          String augment, String classWeights, int limitPerClass, long seed, String init,
                          String restarts, double restartLr, double mixup, String teachers, double distill) {
    public TrainConfig {
        teachers = teachers == null ? "" : teachers.trim();
        if (teachers.isEmpty()) {
            distill = 0; // unused: so that runs without teachers compare equal whatever --distill said
        } else if (!(distill > 0 && distill <= 1)) {
            throw new IllegalArgumentException("distill (the teachers' share of the targets) must be in (0, 1], got " + distill);
        }
        if (!(mixup >= 0) || Double.isInfinite(mixup)) {
            throw new IllegalArgumentException("mixup must be 0 (off) or a positive alpha, got " + mixup);
        }
        // "none" and a missing value (a checkpoint written before restarts existed) mean no restarts
        restarts = restarts == null || restarts.equals("none") ? "" : restarts.replace(" ", "");
        if (restarts.isEmpty()) {
            restartLr = 0; // unused: so that runs without restarts compare equal whatever --restart-lr said
        }
        if (!restarts.matches("(\\d{1,5}(,\\d{1,5})*)?")) {
            throw new IllegalArgumentException("restarts must be epochs per cycle like 8,12,10 (or none), got '" + restarts + "'");
        }
        for (int e : cycleEpochs(epochs, restarts)) {
            if (e < 1) {
                throw new IllegalArgumentException("every restart cycle needs at least 1 epoch, got '" + restarts + "'");
            }
        }
        if (!restarts.isEmpty() && !schedule.equals("cosine")) {
            throw new IllegalArgumentException("restarts need the cosine schedule, not " + schedule);
        }
        if (!restarts.isEmpty() && !(restartLr > 0)) {
            throw new IllegalArgumentException("restarts need a restart learning rate > 0, got " + restartLr);
        }
    }

    /** The teachers' model files (or bundled model names), in order; empty without distillation. */
    public List<String> teacherList() {
        return teachers.isEmpty() ? List.of() : Arrays.stream(teachers.split(",")).map(String::trim).toList();
    }

    /** {@code --distill}'s default: the teachers' probabilities and the label weigh alike. */
    public static final double DISTILL = 0.5;

    /** Epochs of every cycle: the first run's, then each restart's. */
    public int[] cycleEpochs() {
        return cycleEpochs(epochs, restarts);
    }

    private static int[] cycleEpochs(int epochs, String restarts) {
        if (restarts.isEmpty()) {
            return new int[] {epochs};
        }
        String[] parts = restarts.split(",");
        int[] cycles = new int[parts.length + 1];
        cycles[0] = epochs;
        for (int i = 0; i < parts.length; i++) {
            cycles[i + 1] = Integer.parseInt(parts[i]);
        }
        return cycles;
    }

    /** Epochs of the whole run, restarts included. */
    public int totalEpochs() {
        int total = 0;
        for (int e : cycleEpochs()) {
            total += e;
        }
        return total;
    }

    /** The cycle that epoch (0-based) belongs to: 0 is the first run, 1 the first restart, ... */
    public int cycleOf(int epoch) {
        int start = 0;
        int[] cycles = cycleEpochs();
        for (int c = 0; c < cycles.length; c++) {
            start += cycles[c];
            if (epoch < start) {
                return c;
            }
        }
        return cycles.length - 1;
    }

    /** First epoch (0-based) of a cycle. */
    public int cycleStart(int cycle) {
        int start = 0;
        int[] cycles = cycleEpochs();
        for (int c = 0; c < cycle; c++) {
            start += cycles[c];
        }
        return start;
    }

    /**
     * The recipe of the bundled default model: fer-net-wide, 100 epochs of cosine decay after 1 of
     * warm-up, no early stopping, no restarts (so no restart rate: see {@link #RESTART_LR}).
     */
    public static final TrainConfig DEFAULTS = new TrainConfig(Networks.DEFAULT, 100, 64, 1e-3, "adam", "cosine",
            1, 0, 0.1, 1e-2, "standard", "none", 0, 42, null, "", 0, 0, "", 0);

    /** SGD's usual L2 decay: AdamW's 1e-2 of the defaults, coupled into SGD's momentum, would shrink the weights 20x too fast. */
    public static final double SGD_WEIGHT_DECAY = 5e-4;

    /** {@code --weight-decay}'s default for an optimizer. */
    public static double defaultWeightDecay(String optimizer) {
        return optimizer.equals("sgd") ? SGD_WEIGHT_DECAY : DEFAULTS.weightDecay();
    }

    /** {@code --restart-lr}'s default: a fifth of the default peak rate, what the session-5 model's cycles used. */
    public static final double RESTART_LR = 2e-4;

    public Augmentation augmentation() {
        return augment.equals("none") ? Augmentation.NONE : Augmentation.STANDARD;
    }

}
