package dev.fer.bench.engine;

import dev.fer.engine.layer.ConvAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W1/W2 inference on the folded network: {@code infer1} is the latency of one image (sample mode:
 * the median is the p0.50 line, in ms), {@code infer256} batches of 256 (sampled too: the
 * figure is 256 images over the median batch). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} of
 * {@code infer1} is the bytes allocated per inference.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NetworkInferenceBenchmark {
    @Param({"W1", "W2"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    /**
     * Convolution algorithm of the inference passes: DEFAULT (the engine's rule, as the app runs:
     * Winograd for 3x3 layers with at least 64 input channels, GEMM for the others), GEMM,
     * WINOGRAD, FFT or AUTO.
     */
    @Param({"DEFAULT"})
    public String algorithm;

    private InferenceRig rig;

    @Setup(Level.Trial)
    public void setUp() {
        rig = new InferenceRig(Network.valueOf(workload), threads, ConvAlgorithm.valueOf(algorithm));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public float[] infer1() {
        return rig.predict(1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public float[] infer256() {
        return rig.predict(Network.INFER_BATCH);
    }
}
