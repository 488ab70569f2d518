package dev.fer.trainer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which epoch a run keeps: the best validation accuracy, a tie going to the higher macro F1. */
class BestEpochTest {
    private static final double ACCURACY = 2448 / 3589.0;

    @Test
    void higherAccuracyWinsWhateverTheMacroF1() {
        assertTrue(Trainer.isBetter(2449 / 3589.0, 0.60, ACCURACY, 0.66));
        assertFalse(Trainer.isBetter(2447 / 3589.0, 0.70, ACCURACY, 0.60));
    }

    @Test
    void aTieGoesToTheHigherMacroF1Only() {
        assertTrue(Trainer.isBetter(2448 / 3589.0, 0.659, ACCURACY, 0.649), "epoch 99 of the fer-net-wide run over epoch 72");
        assertFalse(Trainer.isBetter(2448 / 3589.0, 0.649, ACCURACY, 0.659));
        assertFalse(Trainer.isBetter(2448 / 3589.0, 0.659, ACCURACY, 0.659), "an exact tie keeps the earlier epoch");
    }

    @Test
    void theFirstEpochBeatsTheEmptyStart() {
        assertTrue(Trainer.isBetter(0.0, 0.0, -1, -1));
    }
}
