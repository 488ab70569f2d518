package dev.fer.trainer.train;

import dev.fer.engine.layer.Param;
import dev.fer.engine.optim.Optimizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Saves and restores an optimizer's state (step count; Adam's moments, SGD's velocity) in a
 * checkpoint so a resumed run continues exactly where it stopped. Layout: the step count, then for
 * each trainable parameter each of its state arrays as its length and its floats.
 */
final class OptimizerState {
    private OptimizerState() {}

    static void write(Optimizer optimizer, List<Param> trainable, DataOutputStream out) throws IOException {
        out.writeLong(optimizer.steps());
        for (Param p : trainable) {
            for (float[] array : optimizer.exportState(p)) {
                out.writeInt(array.length);
                for (float v : array) {
                    out.writeFloat(v);
                }
            }
        }
    }

    static void read(Optimizer optimizer, List<Param> trainable, DataInputStream in) throws IOException {
        long steps = in.readLong();
        for (Param p : trainable) {
            float[][] state = optimizer.exportState(p); // the arrays to fill, of the model's sizes
            for (float[] array : state) {
                int n = in.readInt();
                if (n != array.length) {
                    throw new IOException("optimizer state of " + p.name() + " has " + n + " values, the model "
                            + array.length + ": the checkpoint belongs to another architecture");
                }
                for (int i = 0; i < n; i++) {
                    array[i] = in.readFloat();
                }
            }
            optimizer.restoreState(p, state);
        }
        optimizer.restoreSteps(steps);
    }
}
