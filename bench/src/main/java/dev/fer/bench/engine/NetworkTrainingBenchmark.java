package dev.fer.bench.engine;

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
 * W1/W2 {@code train}: full training steps at batch 64, each timed (sample mode); the figure is
 * 64 images over the median step, as torch_bench.py takes the median of its timed steps. A mean
 * over a few seconds' iterations moved by a fifth between runs on a shared 2-core host, and the
 * 1-to-2-thread speed-up with it. {@code threads} is the engine's pool size (the
 * JMH benchmark itself runs on one thread); "all cores" is 2 on the reference machine, pass
 * {@code -p threads=1,N} elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class NetworkTrainingBenchmark {
    @Param({"W1", "W2"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private TrainingRig rig;

    @Setup(Level.Trial)
    public void setUp() {
        rig = new TrainingRig(Network.valueOf(workload), threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    @Benchmark
    public float train() {
        return rig.step();
    }
}
