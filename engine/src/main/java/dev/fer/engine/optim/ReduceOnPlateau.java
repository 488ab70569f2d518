package dev.fer.engine.optim;

/**
 * Keras ReduceLROnPlateau: when the monitored value (lower is better, e.g. validation loss) has
 * not improved by more than {@code minDelta} for {@code patience} epochs, multiply the rate by
 * {@code factor}, not going below {@code minRate}.
 */
public final class ReduceOnPlateau {
    private final float factor;
    private final int patience;
    private final float minRate;
    private final float minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int waited;

    public ReduceOnPlateau(float factor, int patience, float minRate) {
        this(factor, patience, minRate, 1e-4f);
    }

    public ReduceOnPlateau(float factor, int patience, float minRate, float minDelta) {
        if (!(factor > 0f && factor < 1f) || patience < 0) {
            throw new IllegalArgumentException("need 0 < factor < 1 and patience >= 0");
        }
        this.factor = factor;
        this.patience = patience;
        this.minRate = minRate;
        this.minDelta = minDelta;
    }

    /** Records the epoch's value and lowers the optimizer's rate if it has plateaued; returns the rate. */
    public float update(Optimizer optimizer, double value) {
        if (value < best - minDelta) {
            best = value;
            waited = 0;
        } else if (++waited > patience) {
            optimizer.learningRate(Math.max(minRate, optimizer.learningRate() * factor));
            waited = 0;
        }
        return optimizer.learningRate();
    }
}
