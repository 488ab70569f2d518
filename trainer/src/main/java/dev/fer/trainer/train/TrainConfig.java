package dev.fer.trainer.train;

import dev.fer.trainer.augment.Augmentation;
import dev.fer.trainer.model.Networks;

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
 * @param weightDecay    decoupled weight decay of AdamW (the SGD optimizer does not decay)
 * @param augment        "standard" or "none"
 * @param classWeights   "none", "sqrt" or "balanced": class-weighted sampling of each epoch
 * @param limitPerClass  use only the first N training faces of each class (0 = all)
 * @param seed           seeds weights, data order, augmentation and dropout
 * @param init           a model file whose weights replace the seeded ones before the first epoch
 *                       (fine-tuning a finished run; null = train from scratch)
 */
public record TrainConfig(String arch, int epochs, int batch, double lr, String optimizer, String schedule,
                          int warmupEpochs, int patience, double labelSmoothing, double weightDecay,
                          String augment, String classWeights, int limitPerClass, long seed, String init) {
    /** The recipe of the bundled default model (fer-net, 24 epochs of cosine decay after 1 of warm-up). */
    public static final TrainConfig DEFAULTS = new TrainConfig(Networks.DEFAULT, 24, 64, 1e-3, "adam", "cosine",
            1, 15, 0.1, 1e-2, "standard", "none", 0, 42, null);

    public Augmentation augmentation() {
        return augment.equals("none") ? Augmentation.NONE : Augmentation.STANDARD;
    }

}
