package dev.fer.bench.blazeface;

import dev.fer.detector.FaceBox;
import dev.fer.detector.ScaledPhoto;
import dev.fer.detector.blazeface.BlazeFaceDetector;
import dev.fer.detector.blazeface.BlazeFaceVariant;
import dev.fer.detector.blazeface.tflite.TfliteModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Milliseconds per 640x480 colour frame of the BlazeFace detector (letterbox, network, decoding,
 * weighted NMS), short and full range, on 1 thread and on every core ({@code threads = 0}), on the
 * same AFW group photo as {@code HaarDetectorBenchmark}.
 *
 * <pre>java -jar bench/target/fer-bench.jar BlazeFaceBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BlazeFaceBenchmark {
    /** The photo of HaarDetectorBenchmark: several faces of different sizes (AFW). */
    static final String PHOTO = "data/faces/images/1130084326.jpg";

    @Param({"SHORT_RANGE", "FULL_RANGE"})
    public BlazeFaceVariant variant;

    /** Threads per frame; 0: every core. */
    @Param({"1", "0"})
    public int threads;

    private BufferedImage frame;
    private BlazeFaceDetector detector;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        frame = frame(640, 480);
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        String resource = BlazeFaceDetector.RESOURCE_DIR + variant.fileName();
        try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BlazeFace model " + resource + " is not packaged (build with npm)");
            }
            TfliteModel model = TfliteModel.parse(ByteBuffer.wrap(in.readAllBytes()), resource);
            detector = new BlazeFaceDetector(model, variant.minScore(), n);
        }
    }

    /**
     * The photo scaled (bilinear, Java2D, as HaarDetectorBenchmark's frames) to {@code width x height},
     * in colour as a 3-byte BGR image, the type cameras and ImageIO give.
     */
    static BufferedImage frame(int width, int height) throws IOException {
        Path photo = Path.of(System.getProperty("fer.shared", "../shared")).resolve(PHOTO);
        return ScaledPhoto.read(photo, width, height, BufferedImage.TYPE_3BYTE_BGR);
    }

    @Benchmark
    public List<FaceBox> detect() {
        return detector.detect(frame);
    }
}
