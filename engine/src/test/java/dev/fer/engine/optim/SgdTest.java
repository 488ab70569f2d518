package dev.fer.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fer.engine.layer.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SGD's update worked by hand: momentum, Nesterov and the L2 weight decay on weights only. */
class SgdTest {
    private static final float LR = 0.1f;
    private static final float MU = 0.9f;
    private static final float DECAY = 0.01f;

    @Test
    void weightDecayEntersTheGradientOfWeightsOnly() {
        Param w = Param.weight("w", 1);
        Param b = Param.bias("b", 1);
        w.value[0] = 2f;
        b.value[0] = 2f;
        w.grad[0] = 0.5f;
        b.grad[0] = 0.5f;
        Sgd sgd = new Sgd(List.of(w, b), LR, MU, true).weightDecay(DECAY);
        sgd.step();
        // weight: g = 0.5 + 0.01 * 2 = 0.52, v = 0.52, w -= 0.1 * (0.52 + 0.9 * 0.52)
        assertEquals(2f - LR * 0.52f * (1 + MU), w.value[0], 1e-6f);
        // bias: no decay, g = 0.5
        assertEquals(2f - LR * 0.5f * (1 + MU), b.value[0], 1e-6f);

        float wAfterOne = w.value[0];
        w.grad[0] = 0f;
        sgd.step();
        // second step: g = 0.01 * w, v = 0.9 * 0.52 + g, w -= 0.1 * (g + 0.9 v)
        float g = DECAY * wAfterOne;
        float v = MU * 0.52f + g;
        assertEquals(wAfterOne - LR * (g + MU * v), w.value[0], 1e-6f);
    }

    @Test
    void plainMomentumStepsByTheVelocity() {
        Param w = Param.weight("w", 1);
        w.value[0] = 1f;
        w.grad[0] = 1f;
        Sgd sgd = new Sgd(List.of(w), LR, MU, false);
        sgd.step();
        sgd.step();
        // v1 = 1, w1 = 0.9; v2 = 0.9 + 1 = 1.9, w2 = 0.9 - 0.19
        assertEquals(1f - LR - LR * (MU + 1), w.value[0], 1e-6f);
    }

    @Test
    void negativeDecayIsRefused() {
        Sgd sgd = new Sgd(List.of(Param.weight("w", 1)), LR, MU, true);
        assertThrows(IllegalArgumentException.class, () -> sgd.weightDecay(-1f));
    }
}
