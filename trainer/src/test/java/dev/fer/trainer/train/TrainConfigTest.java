package dev.fer.trainer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warm-restart cycles: how epochs map to cycles, and the settings that are refused; default weight decay per optimizer. */
class TrainConfigTest {
    private static TrainConfig withRestarts(int epochs, String schedule, String restarts, double restartLr) {
        return new TrainConfig("fer-tiny", epochs, 32, 1e-3, "adam", schedule, 1, 0, 0, 0, "none", "none", 0, 1, null,
                restarts, restartLr, 0, "", 0);
    }

    @Test
    void cyclesFollowTheFirstRunAndEachRestart() {
        TrainConfig c = withRestarts(24, "cosine", "8,12,10", 2e-4);
        assertArrayEquals(new int[] {24, 8, 12, 10}, c.cycleEpochs());
        assertEquals(54, c.totalEpochs());
        assertEquals(0, c.cycleOf(23));
        assertEquals(1, c.cycleOf(24));
        assertEquals(1, c.cycleOf(31));
        assertEquals(2, c.cycleOf(32));
        assertEquals(3, c.cycleOf(53));
        assertEquals(44, c.cycleStart(3));
    }

    @Test
    void noneAndAMissingValueMeanNoRestarts() {
        for (String none : new String[] {"none", "", null}) {
            TrainConfig c = withRestarts(6, "step", none, 0);
            assertEquals("", c.restarts());
            assertArrayEquals(new int[] {6}, c.cycleEpochs());
            assertEquals(6, c.totalEpochs());
        }
        // a checkpoint written before restarts existed restores as no restarts, equal to a run without
        assertEquals(withRestarts(6, "cosine", "none", 2e-4), withRestarts(6, "cosine", null, 0));
    }

    @Test
    void badRestartsAreRefusedWithTheReason() {
        var shape = assertThrows(IllegalArgumentException.class, () -> withRestarts(6, "cosine", "8;12", 2e-4));
        assertTrue(shape.getMessage().contains("8;12"), shape.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> withRestarts(6, "cosine", "8,0", 2e-4));
        assertTrue(empty.getMessage().contains("at least 1 epoch"), empty.getMessage());
        var schedule = assertThrows(IllegalArgumentException.class, () -> withRestarts(6, "plateau", "8", 2e-4));
        assertTrue(schedule.getMessage().contains("cosine"), schedule.getMessage());
        var lr = assertThrows(IllegalArgumentException.class, () -> withRestarts(6, "cosine", "8", 0));
        assertTrue(lr.getMessage().contains("learning rate"), lr.getMessage());
    }

    @Test
    void weightDecayDefaultsToEachOptimizersOwnScale() {
        assertEquals(TrainConfig.DEFAULTS.weightDecay(), TrainConfig.defaultWeightDecay("adam"));
        assertEquals(TrainConfig.SGD_WEIGHT_DECAY, TrainConfig.defaultWeightDecay("sgd"));
        assertTrue(TrainConfig.defaultWeightDecay("sgd") < TrainConfig.defaultWeightDecay("adam") / 10,
                "SGD's L2 decay enters the momentum, so its default is far smaller than AdamW's");
    }

    @Test
    void mixupMustBeOffOrAPositiveAlpha() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig("fer-tiny", 2, 32, 1e-3, "adam", "cosine",
                1, 0, 0, 0, "none", "none", 0, 1, null, "", 0, -0.2, "", 0));
        assertTrue(e.getMessage().contains("mixup"), e.getMessage());
    }
}
