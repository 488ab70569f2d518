package dev.fer.engine.model;

import dev.fer.engine.zoo.Architectures;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inference hot path allocates nothing once warmed up (batch 1, one face). */
class AllocationTest {
    @org.junit.jupiter.params.ParameterizedTest(name = "threads {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void batchOneInferenceAllocatesNothingAfterWarmUp(int threads) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Sequential model = Architectures.ferSmall().seed(1).threads(threads)) {
            float[] face = new float[48 * 48];
            float[] probs = new float[7];
            for (int i = 0; i < face.length; i++) {
                face[i] = (i % 48) / 48f;
            }
            // warm up until the JIT has compiled the vector kernels (interpreted Vector API code
            // allocates its vectors), bounded so a broken hot path still fails
            long perCall = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (perCall >= 64 && System.nanoTime() < deadline) {
                int calls = 20;
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    model.predict(face, 1, probs);
                }
                perCall = (mx.getCurrentThreadAllocatedBytes() - before) / calls;
            }
            assertTrue(perCall < 64, "batch-1 predict allocates " + perCall + " bytes per call");
        }
    }
}
