package dev.fer.bench.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference rig runs the real network (the training and layer rigs cost tens of GFLOP a call,
 * too much for a unit test on a shared 2-core machine: the JMH suite exercises them), and the
 * peer's model lookup fails clearly.
 */
class RigTest {

    @Test
    void inferenceRigGivesTheSameProbabilitiesOnOneAndTwoThreads() {
        float[] one;
        try (InferenceRig rig = new InferenceRig(Network.W1, 1)) {
            one = rig.predict(2).clone();
        }
        float sum = 0;
        for (int c = 0; c < 7; c++) {
            assertTrue(one[c] >= 0 && one[c] <= 1, "probability " + one[c]);
            sum += one[c];
        }
        assertEquals(1f, sum, 1e-4f);
        try (InferenceRig rig = new InferenceRig(Network.W1, 2)) {
            float[] two = rig.predict(2);
            for (int i = 0; i < 14; i++) {
                assertEquals(one[i], two[i], 1e-5f, "probability " + i);
            }
        }
    }

    @Test
    void missingOnnxModelNamesTheFileAndHowToMakeIt() {
        String old = System.getProperty(OnnxRuntimeRig.DIR_PROPERTY);
        System.setProperty(OnnxRuntimeRig.DIR_PROPERTY, "/nonexistent-onnx-dir");
        try {
            var e = assertThrows(IllegalStateException.class, () -> OnnxRuntimeRig.modelFile(Network.W1));
            assertTrue(e.getMessage().contains("/nonexistent-onnx-dir/w1.onnx") && e.getMessage().contains("torch_bench.py"),
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(OnnxRuntimeRig.DIR_PROPERTY);
            } else {
                System.setProperty(OnnxRuntimeRig.DIR_PROPERTY, old);
            }
        }
    }
}
