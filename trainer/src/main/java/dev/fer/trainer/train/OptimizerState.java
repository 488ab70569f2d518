package dev.fer.trainer.train;

import dev.fer.engine.layer.Param;
import dev.fer.engine.optim.Optimizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and restores an optimizer's internal state (step count; Adam's moments, SGD's velocity) so a
 * resumed run continues exactly where it stopped. The engine's optimizers keep that state private
 * and offer no accessor yet, so this reads their per-parameter maps reflectively: every instance
 * field that maps a {@link Param} to {@code float[]} or {@code float[][]}, in declaration order,
 * and the step counter. Replace this with an engine API once the engine has one.
 */
final class OptimizerState {
    private OptimizerState() {}

    static void write(Optimizer optimizer, List<Param> trainable, DataOutputStream out) throws IOException {
        out.writeLong(optimizer.steps());
        for (Field field : stateMaps(optimizer)) {
            Map<?, ?> map = (Map<?, ?>) get(field, optimizer);
            for (Param p : trainable) {
                for (float[] array : arrays(map.get(p), field, p)) {
                    out.writeInt(array.length);
                    for (float v : array) {
                        out.writeFloat(v);
                    }
                }
            }
        }
    }

    static void read(Optimizer optimizer, List<Param> trainable, DataInputStream in) throws IOException {
        long steps = in.readLong();
        for (Field field : stateMaps(optimizer)) {
            Map<?, ?> map = (Map<?, ?>) get(field, optimizer);
            for (Param p : trainable) {
                for (float[] array : arrays(map.get(p), field, p)) {
                    int n = in.readInt();
                    if (n != array.length) {
                        throw new IOException("optimizer state of " + p.name() + " has " + n + " values, the model "
                                + array.length + ": the checkpoint belongs to another architecture");
                    }
                    for (int i = 0; i < n; i++) {
                        array[i] = in.readFloat();
                    }
                }
            }
        }
        try {
            Field stepsField = Optimizer.class.getDeclaredField("steps");
            stepsField.setAccessible(true);
            stepsField.setLong(optimizer, steps);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot restore the optimizer's step count: " + e, e);
        }
    }

    private static List<Field> stateMaps(Optimizer optimizer) {
        List<Field> fields = new ArrayList<>();
        for (Field f : optimizer.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && Map.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return fields;
    }

    private static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][] arrays(Object value, Field field, Param p) {
        if (value instanceof float[] single) {
            return new float[][] {single};
        }
        if (value instanceof float[][] several) {
            return several;
        }
        throw new IllegalStateException("optimizer field " + field.getName() + " holds no float state for " + p.name());
    }
}
