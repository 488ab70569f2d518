package dev.fer.bench.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JMH result records (as JMH 1.37 writes them with -rf json) become torch_bench.py's keys. */
class JmhResultsTest {

    private static String record(String benchmark, String mode, String params, String primary, String secondary) {
        return """
                {"jmhVersion": "1.37", "benchmark": "%s", "mode": "%s", "threads": 1, "forks": 1,
                 "params": {%s}, "primaryMetric": {%s}, "secondaryMetrics": {%s}}""".formatted(
                benchmark, mode, params, primary, secondary);
    }

    private static JsonArray array(String... records) {
        return JsonParser.parseString("[" + String.join(",", records) + "]").getAsJsonArray();
    }

    @Test
    void convertsEveryKindOfFigure() {
        JsonArray results = array(
                record("dev.fer.bench.engine.NetworkTrainingBenchmark.train", "thrpt", "\"threads\": \"2\", \"workload\": \"W1\"",
                        "\"score\": 250.0, \"scoreError\": 3.0, \"scoreUnit\": \"ops/s\"",
                        "\"\u00b7foreign.load\": {\"score\": 0.25, \"scoreUnit\": \"cores\"}, \"\u00b7own.cores\": {\"score\": 1.9, \"scoreUnit\": \"cores\"},"
                                + " \"\u00b7host.steal\": {\"score\": 0.4, \"scoreUnit\": \"cores\"}"),
                record("dev.fer.bench.engine.NetworkInferenceBenchmark.infer1", "sample", "\"threads\": \"1\", \"workload\": \"W2\"",
                        "\"score\": 9.0, \"scoreUnit\": \"ms/op\", \"scorePercentiles\": {\"0.0\": 1.0, \"50.0\": 2.5, \"100.0\": 40.0}",
                        "\"\u00b7gc.alloc.rate\": {\"score\": 0.01, \"scoreUnit\": \"MB/sec\"}, \"\u00b7gc.alloc.rate.norm\": {\"score\": 0.004, \"scoreUnit\": \"B/op\"}"),
                record("dev.fer.bench.engine.ConvLayerBenchmark.backward", "thrpt", "\"threads\": \"1\", \"layer\": \"C2\"",
                        "\"score\": 0.02, \"scoreUnit\": \"ops/ms\"", ""),
                record("dev.fer.bench.engine.OnnxRuntimeBenchmark.infer256", "thrpt", "\"threads\": \"2\", \"workload\": \"W1\"",
                        "\"score\": 2000.0, \"scoreUnit\": \"ops/s\"", ""),
                record("dev.fer.bench.detector.SomethingElse.scan", "avgt", "\"threads\": \"1\"",
                        "\"score\": 1.0, \"scoreUnit\": \"ms/op\"", ""));
        JmhResults r = JmhResults.of(results);
        Figures ours = r.engine();
        assertEquals(250.0, ours.get(Figures.WORKLOADS, "W1", "train_img_s", 2));
        assertEquals(64 / 250.0 * 1e3, ours.get(Figures.WORKLOADS, "W1", "train_step_ms", 2), 1e-9);
        assertEquals(0.25, ours.get(Figures.WORKLOADS, "W1", "train_foreign_load", 2));
        assertEquals(1.9, ours.get(Figures.WORKLOADS, "W1", "train_own_cores", 2));
        assertEquals(0.4, ours.get(Figures.WORKLOADS, "W1", "train_host_steal", 2));
        // the median, not the mean, of the latency samples
        assertEquals(2.5, ours.get(Figures.WORKLOADS, "W2", "infer1_ms", 1));
        assertEquals(0.004, ours.get(Figures.WORKLOADS, "W2", "infer1_alloc_bytes", 1));
        // 20 passes/s x 2 x forward FLOP of C2
        assertEquals(20 * ConvShape.C2.backwardFlop(64) / 1e9, ours.get(Figures.LAYERS, "C2", "bwd_gflops", 1), 1e-9);
        assertEquals(50.0, ours.get(Figures.LAYERS, "C2", "bwd_ms", 1), 1e-9);
        assertNull(ours.get(Figures.WORKLOADS, "W1", "infer256_img_s", 2), "the peer's figure stays with the peer");
        assertEquals(2000.0, r.onnxRuntime().get(Figures.WORKLOADS, "W1", "infer256_img_s", 2));
    }

    @Test
    void otherConvolutionAlgorithmsGetTheirOwnKeys() {
        JsonArray results = array(
                record("dev.fer.bench.engine.ConvLayerBenchmark.forward", "thrpt",
                        "\"algorithm\": \"FFT\", \"threads\": \"1\", \"layer\": \"C1\"", "\"score\": 10.0, \"scoreUnit\": \"ops/s\"", ""),
                record("dev.fer.bench.engine.ConvLayerBenchmark.forward", "thrpt",
                        "\"algorithm\": \"GEMM\", \"threads\": \"1\", \"layer\": \"C1\"", "\"score\": 20.0, \"scoreUnit\": \"ops/s\"", ""));
        Figures ours = JmhResults.of(results).engine();
        assertEquals(10 * ConvShape.C1.forwardFlop(64) / 1e9, ours.get(Figures.LAYERS, "C1", "fft_fwd_gflops", 1), 1e-9);
        assertEquals(20 * ConvShape.C1.forwardFlop(64) / 1e9, ours.get(Figures.LAYERS, "C1", "fwd_gflops", 1), 1e-9);
    }

    @Test
    void unitsAreConverted() {
        var metric = JsonParser.parseString("{\"score\": 3, \"scoreUnit\": \"us/op\", \"scorePercentiles\": {\"50.0\": 1500}}")
                .getAsJsonObject();
        assertEquals(1.5, JmhResults.medianMillis(metric), 1e-12);
        // a sampled call of 64 images with a median of 250 ms: 256 img/s, whatever the mean
        var sampled = JsonParser.parseString(
                "{\"score\": 400, \"scoreUnit\": \"ms/op\", \"scorePercentiles\": {\"50.0\": 250}}").getAsJsonObject();
        assertEquals(256.0, JmhResults.perSecond(sampled, 64), 1e-9);
        var wrong = JsonParser.parseString("{\"score\": 3, \"scoreUnit\": \"GB/s\"}").getAsJsonObject();
        assertThrows(IllegalArgumentException.class, () -> JmhResults.perSecond(wrong, 1));
    }
}
