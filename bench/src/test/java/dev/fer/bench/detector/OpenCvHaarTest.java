package dev.fer.bench.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fer.detector.FaceBox;
import dev.fer.detector.GrayImage;
import dev.fer.detector.haar.Cascade;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.detector.haar.HaarCascadeDetector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ours and OpenCV (in this JVM) find the same boxes on the benchmark's frames. */
class OpenCvHaarTest {
    @ParameterizedTest
    @CsvSource({"640, 480", "1280, 720"})
    void sameBoxesAsOpenCvOnTheBenchmarkFrames(int width, int height) throws Exception {
        GrayImage frame = BenchFrames.frame(width, height);
        List<FaceBox> ours = new HaarCascadeDetector(Cascade.frontalFace(), DetectionParams.DEFAULT, 1).detect(frame);
        List<FaceBox> openCv = new OpenCvHaar(frame, DetectionParams.DEFAULT, 0).detect();

        assertFalse(openCv.isEmpty(), "OpenCV finds faces in the group photo");
        assertEquals(OpenCvHaar.geometry(openCv), OpenCvHaar.geometry(ours));
    }

    @ParameterizedTest
    @CsvSource({"1", "0"})
    void setsOpenCvsThreadCount(int threads) throws Exception {
        new OpenCvHaar(BenchFrames.frame(64, 48), DetectionParams.DEFAULT, threads);
        if (threads == 1) {
            assertEquals(1, OpenCvHaar.threads());
        } else {
            assertEquals(Runtime.getRuntime().availableProcessors(), OpenCvHaar.threads());
        }
    }
}
