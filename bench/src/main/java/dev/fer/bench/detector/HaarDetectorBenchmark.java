package dev.fer.bench.detector;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencv.core.MatOfRect;
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
 * Milliseconds per frame of the Haar detector (default frontal face cascade, scaleFactor 1.1,
 * minNeighbors 5, minSize 30) on a 640x480 and a 1280x720 photo, on 1 thread and on every core
 * ({@code threads = 0}), beside OpenCV's {@code CascadeClassifier} (org.openpnp:opencv, called from
 * this JVM) on the same frame, cascade file and parameters: {@code Core.setNumThreads(1)} for
 * {@code threads = 1}, OpenCV's default (every core) for 0. The setup fails unless both find the
 * same boxes.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/fer-bench.jar HaarDetectorBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class HaarDetectorBenchmark {
    @Param({"640x480", "1280x720"})
    public String size;

    /** Threads per frame; 0: every core. */
    @Param({"1", "0"})
    public int threads;

    private GrayImage frame;
    private HaarCascadeDetector detector;
    private OpenCvHaar openCv;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String[] wh = size.split("x");
        frame = BenchFrames.frame(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        detector = new HaarCascadeDetector(Cascade.frontalFace(), DetectionParams.DEFAULT, n);
        openCv = new OpenCvHaar(frame, DetectionParams.DEFAULT, threads);
        OpenCvHaar.requireSameBoxes(size, detector.detect(frame), openCv.detect());
    }

    @Benchmark
    public List<FaceBox> detect() {
        return detector.detect(frame);
    }

    @Benchmark
    public MatOfRect openCv() {
        return openCv.detectRaw();
    }
}
