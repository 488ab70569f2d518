package dev.fer.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.engine.layer.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Exporting an optimizer's state and restoring it into a fresh one continues the run bit for bit. */
class OptimizerStateTest {
    private static final int SIZE = 37;

    @Test
    void adamResumesExactly() {
        resumesExactly(params -> new Adam(params, 0.01f).weightDecay(0.01f), 2);
    }

    @Test
    void sgdWithMomentumResumesExactly() {
        resumesExactly(params -> new Sgd(params, 0.05f, 0.9f, true), 1);
    }

    @Test
    void sgdWeightDecayResumesExactly() {
        resumesExactly(params -> new Sgd(params, 0.05f, 0.9f, true).weightDecay(5e-4f), 1);
    }

    private static void resumesExactly(Function<List<Param>, Optimizer> make, int arrays) {
        Random random = new Random(7);
        Param first = Param.weight("w", SIZE);
        fill(first.value, random);
        Optimizer running = make.apply(List.of(first));
        for (int i = 0; i < 3; i++) {
            fill(first.grad, random);
            running.step();
        }

        Param second = Param.weight("w", SIZE);
        System.arraycopy(first.value, 0, second.value, 0, SIZE);
        Optimizer resumed = make.apply(List.of(second));
        float[][] state = running.exportState(first);
        assertEquals(arrays, state.length);
        assertTrue(Arrays.stream(state).allMatch(a -> a.length == SIZE));
        assertFalse(Arrays.equals(state[0], new float[SIZE]), "three steps leave a state that is not zero");
        resumed.restoreState(second, state);
        resumed.restoreSteps(running.steps());
        assertEquals(3, resumed.steps());

        for (int i = 0; i < 3; i++) {
            fill(first.grad, random);
            System.arraycopy(first.grad, 0, second.grad, 0, SIZE);
            running.step();
            resumed.step();
        }
        assertArrayEquals(first.value, second.value);
        for (int i = 0; i < arrays; i++) {
            assertArrayEquals(running.exportState(first)[i], resumed.exportState(second)[i]);
        }
    }

    @Test
    void exportIsACopy() {
        Param p = Param.weight("w", SIZE);
        Adam adam = new Adam(List.of(p), 0.01f);
        adam.exportState(p)[0][0] = 5f;
        assertEquals(0f, adam.exportState(p)[0][0]);
    }

    @Test
    void mismatchedStateIsRefusedByName() {
        Param p = Param.weight("conv.w", SIZE);
        Sgd sgd = new Sgd(List.of(p), 0.1f, 0.9f, false);
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.restoreState(p, new float[][] {new float[SIZE - 1]}));
        assertTrue(e.getMessage().contains("conv.w"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sgd.restoreState(p, new float[2][SIZE]));
        assertThrows(IllegalArgumentException.class, () -> sgd.exportState(Param.weight("other", SIZE)));
        assertThrows(IllegalArgumentException.class, () -> sgd.restoreSteps(-1));
    }

    private static void fill(float[] a, Random random) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
    }
}
