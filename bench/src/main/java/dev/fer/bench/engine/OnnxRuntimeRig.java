package dev.fer.bench.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The inference peer: ONNX Runtime (Java API, CPU) running the same network exported to ONNX by
 * {@code torch_bench.py} ({@code w1.onnx}, softmax included, input {@code [n,1,48,48]}). Given its
 * best setup: all graph optimizations, intra-op threads = {@code threads}, input and output
 * tensors on direct buffers created once (the output pinned, so a run copies nothing into Java).
 */
public final class OnnxRuntimeRig implements AutoCloseable {
    /** System property naming the folder with the exported models (default {@link #DEFAULT_DIR}). */
    public static final String DIR_PROPERTY = "fer.onnx.dir";
    public static final String DEFAULT_DIR = "bench/target/peers";

    private final OrtSession session;
    private final Run single;
    private final Run batched;

    /** One batch size: its input tensor, its pinned output tensor and the buffer under the output. */
    private record Run(Map<String, OnnxTensor> input, Map<String, OnnxTensor> output, FloatBuffer result)
            implements AutoCloseable {
        @Override
        public void close() {
            input.values().forEach(OnnxTensor::close);
            output.values().forEach(OnnxTensor::close);
        }
    }

    public OnnxRuntimeRig(Network network, int threads) throws OrtException {
        Path file = modelFile(network);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            session = env.createSession(file.toString(), options);
        }
        float[] images = RandomData.gaussian(Network.INFER_BATCH * IMAGE, 4);
        single = run(env, images, 1);
        batched = run(env, images, Network.INFER_BATCH);
    }

    private static final int IMAGE = 48 * 48;
    private static final int CLASSES = 7;

    private Run run(OrtEnvironment env, float[] images, int batch) throws OrtException {
        FloatBuffer in = direct(batch * IMAGE).put(images, 0, batch * IMAGE).flip();
        FloatBuffer out = direct(batch * CLASSES);
        return new Run(Map.of(session.getInputNames().iterator().next(),
                        OnnxTensor.createTensor(env, in, new long[] {batch, 1, 48, 48})),
                Map.of(session.getOutputNames().iterator().next(),
                        OnnxTensor.createTensor(env, out, new long[] {batch, CLASSES})),
                out);
    }

    /** The exported model of {@code network}, with a clear error when it has not been exported yet. */
    static Path modelFile(Network network) {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
        Path file = dir.resolve(network.name().toLowerCase(java.util.Locale.ROOT) + ".onnx");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("ONNX model " + file.toAbsolutePath() + " not found: export it with "
                    + "'python3 shared/bench/peers/torch_bench.py --only " + network + " --onnx-dir " + dir
                    + "' (bench/compare.sh does) or point -D" + DIR_PROPERTY + "=DIR at the folder holding it");
        }
        return file;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Probabilities of one image, in a direct buffer that the next call overwrites. */
    public FloatBuffer predictOne() throws OrtException {
        return predict(single);
    }

    /** Probabilities of {@link Network#INFER_BATCH} images, in a direct buffer that the next call overwrites. */
    public FloatBuffer predictBatch() throws OrtException {
        return predict(batched);
    }

    private FloatBuffer predict(Run run) throws OrtException {
        try (OrtSession.Result ignored = session.run(run.input(), run.output())) {
            return run.result();
        }
    }

    @Override
    public void close() throws OrtException {
        single.close();
        batched.close();
        session.close();
    }
}
