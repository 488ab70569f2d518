package dev.fer.bench.engine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W1/W2 {@code train}: images per second of full training steps at batch 64. The score is ops/s
 * with one op per image, i.e. img/s directly. {@code threads} is the engine's pool size (the
 * JMH benchmark itself runs on one thread); "all cores" is 2 on the reference machine, pass
 * {@code -p threads=1,N} elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
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
    @OperationsPerInvocation(Network.TRAIN_BATCH)
    public float train() {
        return rig.step();
    }
}
