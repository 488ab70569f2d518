package dev.fer.engine.optim;

/** The learning rate for an epoch (0-based), set on the optimizer at the start of each epoch. */
@FunctionalInterface
public interface LearningRateSchedule {
    float rate(int epoch);

    static LearningRateSchedule constant(float rate) {
        return epoch -> rate;
    }

    /** base * factor^(epoch / every). */
    static LearningRateSchedule step(float base, float factor, int every) {
        if (every <= 0) {
            throw new IllegalArgumentException("step schedule needs every > 0");
        }
        return epoch -> (float) (base * Math.pow(factor, epoch / every));
    }

    /** Cosine decay from base to min over {@code epochs} epochs, after {@code warmup} linear warm-up epochs. */
    static LearningRateSchedule cosine(float base, float min, int epochs, int warmup) {
        if (epochs <= warmup) {
            throw new IllegalArgumentException("cosine schedule needs epochs > warmup");
        }
        return epoch -> {
            if (epoch < warmup) {
                return base * (epoch + 1) / (warmup + 1);
            }
            double t = Math.min(1.0, (double) (epoch - warmup) / (epochs - warmup));
            return (float) (min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * t)));
        };
    }
}
