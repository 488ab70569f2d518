package dev.fer.trainer.train;

import dev.fer.engine.model.Sequential;
import dev.fer.engine.zoo.Architectures;
import dev.fer.trainer.augment.Mixup;
import dev.fer.trainer.data.FaceSet;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * What a training batch is fitted to: its labels, or soft targets when distilling (the teachers'
 * probabilities blended in) or mixing (mixup blends the faces and their targets), or both. The
 * soft-target buffer is made once: nothing is allocated per batch.
 */
final class BatchTargets {
    private static final int CLASSES = Architectures.CLASSES;

    private final Mixup mixup;
    private final Distillation distillation;
    private final long seed;
    private final float[] targets;

    /** {@code mixup} and {@code distillation} may be null (off); {@code seed} is the run's. */
    BatchTargets(Mixup mixup, Distillation distillation, long seed, int batchSize) {
        this.mixup = mixup;
        this.distillation = distillation;
        this.seed = seed;
        this.targets = new float[batchSize * CLASSES];
    }

    /** The run's targets: mixup with {@code --mixup}, distillation (its teachers' pass over {@code train} first) with {@code --teacher}. */
    static BatchTargets of(TrainConfig config, FaceSet train, int threads, PrintStream log) throws IOException {
        Mixup mixup = config.mixup() > 0 ? new Mixup(config.mixup(), CLASSES) : null;
        Distillation distillation = config.teacherList().isEmpty() ? null
                : Distillation.of(config.teacherList(), train, config.distill(), threads, log);
        return new BatchTargets(mixup, distillation, config.seed(), config.batch());
    }

    /** One training step of {@code model} on {@code batch} of epoch {@code epoch} (0-based); the mean loss. */
    float trainStep(Sequential model, BatchStream.Batch batch, int epoch) {
        if (mixup == null && distillation == null) {
            return model.trainStep(batch.inputs, batch.labels, batch.count);
        }
        if (distillation != null) {
            distillation.targets(batch.faces, batch.labels, batch.count, targets);
        } else {
            oneHot(batch.labels, batch.count, targets);
        }
        if (mixup != null) {
            // the pairing and blend follow (seed, epoch, batch), as the augmentation does
            mixup.apply(batch.inputs, targets, batch.count, FaceSet.FACE_PIXELS,
                    Seeds.random(seed, Seeds.MIXUP, epoch, batch.index));
        }
        return model.trainStep(batch.inputs, targets, batch.count);
    }

    private static void oneHot(int[] labels, int count, float[] targets) {
        Arrays.fill(targets, 0, count * CLASSES, 0f);
        for (int i = 0; i < count; i++) {
            targets[i * CLASSES + labels[i]] = 1f;
        }
    }
}
