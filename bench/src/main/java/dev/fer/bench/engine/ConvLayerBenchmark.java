package dev.fer.bench.engine;

import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.tensor.Tensor;
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
 * C1-C3 convolution forward and backward at batch 64, each pass timed (sample mode); GFLOP/s =
 * {@link ConvShape#forwardFlop} (backward: {@link ConvShape#backwardFlop}) over the median pass,
 * which the {@code compare} command and the {@code workloads} runner print directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
public class ConvLayerBenchmark {
    @Param({"C1", "C2", "C3"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    /**
     * Algorithm of both passes: GEMM (its FLOP rate is the real one) and DEFAULT (the engine's
     * rule, Winograd F(4x4) on C1-C3, as the networks run them; its figure counts the direct
     * convolution's FLOP, as PyTorch's do: an effective rate, Winograd doing 4x fewer multiply-adds).
     */
    @Param({"GEMM", "DEFAULT"})
    public String algorithm;

    private ConvRig rig;

    @Setup(Level.Trial)
    public void setUp() {
        rig = new ConvRig(ConvShape.valueOf(layer), threads, ConvAlgorithm.valueOf(algorithm));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    @Benchmark
    public Tensor forward() {
        return rig.forward();
    }

    @Benchmark
    public Tensor backward() {
        return rig.backward();
    }
}
