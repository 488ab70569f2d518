package dev.fer.bench.engine;

import ai.onnxruntime.OrtException;
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

import java.nio.FloatBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The inference peer of {@link NetworkInferenceBenchmark}: the same figures from ONNX Runtime on
 * the network exported by torch_bench.py (see {@link OnnxRuntimeRig} for where the model file
 * comes from).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class OnnxRuntimeBenchmark {
    @Param({"W1"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private OnnxRuntimeRig rig;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        rig = new OnnxRuntimeRig(Network.valueOf(workload), threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        rig.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public FloatBuffer infer1() throws OrtException {
        return rig.predictOne();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public FloatBuffer infer256() throws OrtException {
        return rig.predictBatch();
    }
}
