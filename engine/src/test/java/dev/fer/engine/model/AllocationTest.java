package dev.fer.engine.model;

import dev.fer.engine.zoo.Architectures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference hot path allocates nothing once warmed up: one face (each layer split across the
 * threads) and a batch (image-parallel, see {@link ImageParallelInference}). Counted over every
 * thread of the JVM, so the worker threads' share is in it.
 */
class AllocationTest {
    @ParameterizedTest(name = "threads {0}, batch {1}")
    @CsvSource({"1, 1", "2, 1", "1, 8", "2, 8"})
    void inferenceAllocatesNothingAfterWarmUp(int threads, int batch) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Sequential model = Architectures.ferSmall().seed(1).threads(threads)) {
            float[] faces = new float[batch * 48 * 48];
            float[] probs = new float[batch * 7];
            for (int i = 0; i < faces.length; i++) {
                faces[i] = (i % 48) / 48f;
            }
            // warm up until the JIT has compiled the vector kernels (interpreted Vector API code
            // allocates its vectors), bounded so a broken hot path still fails
            long perCall = Long.MAX_VALUE;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (perCall >= 64 && System.nanoTime() < deadline) {
                int calls = 20;
                long before = mx.getTotalThreadAllocatedBytes();
                for (int i = 0; i < calls; i++) {
                    model.predict(faces, batch, probs);
                }
                perCall = (mx.getTotalThreadAllocatedBytes() - before) / calls;
            }
            assertTrue(perCall < 64, "batch-" + batch + " predict allocates " + perCall + " bytes per call");
        }
    }
}
