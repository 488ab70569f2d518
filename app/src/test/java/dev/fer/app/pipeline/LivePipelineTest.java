package dev.fer.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fer.app.cli.DetectorOptions;
import dev.fer.app.support.TestData;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.FrameSources;
import dev.fer.detector.FaceBox;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.trainer.model.Emotion;
import dev.fer.app.support.TestModels;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a virtual camera (the real webcam API over real photos), no hardware. */
class LivePipelineTest {
    @TempDir
    Path dir;

    /** The faces in these photos are over 150 px: skipping the small scales keeps the test quick. */
    static final DetectionParams FAST = new DetectionParams(1.1, 5, 80, 0);

    private static final class Collector implements LivePipeline.Listener {
        final List<AnalyzedFrame> frames = new CopyOnWriteArrayList<>();
        final AtomicReference<Exception> ended = new AtomicReference<>();

        @Override
        public void frameAnalyzed(AnalyzedFrame frame) {
            frames.add(frame);
        }

        @Override
        public void sourceEnded(String source, Exception error) {
            ended.set(error != null ? error : new Exception("ended: " + source));
        }
    }

    @Test
    void aVirtualCameraOverRealPhotosGivesTrackedClassifiedFaces() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        // each photo for three frames in a row, as a still scene before a camera
        for (int i = 1; i <= 3; i++) {
            Files.createSymbolicLink(photos.resolve("a" + i + ".jpg"), TestData.face(TestData.TWO_FACES).toAbsolutePath());
            Files.createSymbolicLink(photos.resolve("b" + i + ".jpg"), TestData.face(TestData.ONE_FACE_640x480).toAbsolutePath());
        }
        FrameAnalyzer analyzer = new FrameAnalyzer(DetectorOptions.detector(FAST), TestModels.classifier());
        Collector c = new Collector();
        try (LivePipeline pipeline = new LivePipeline(analyzer, c)) {
            // 4 fps: each photo stays for a few frames, so tracks can be followed
            pipeline.setSource(FrameSources.open("virtual:" + photos,
                    CaptureOptions.defaults().withResolution(640, 480).withFps(4).realtime(true).looping(true)));
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end && !(seen(c, 1) && seen(c, 2) && trackHeld(c.frames))) {
                Thread.sleep(100);
            }
            assertTrue(c.ended.get() == null, () -> "source ended: " + c.ended.get());
            assertTrue(seen(c, 1) && seen(c, 2), "frames with one and with two faces, got "
                    + c.frames.stream().map(f -> f.faces().size()).toList());
            PipelineStats stats = pipeline.stats();
            assertTrue(stats.captureFps() > 0, "capture fps " + stats.captureFps());
        }
        long last = -1;
        for (AnalyzedFrame f : c.frames) {
            assertTrue(f.frameNumber() > last, "frame numbers increase");
            last = f.frameNumber();
            assertTrue(f.latencyNanos() > 0);
            assertEquals(640, f.image().getWidth());
            for (Face face : f.faces()) {
                float sum = 0;
                for (float p : face.probabilities()) {
                    assertTrue(p >= 0 && p <= 1, "probability " + p);
                    sum += p;
                }
                assertEquals(1f, sum, 1e-3f);
                assertTrue(face.trackId() > 0, "tracking is on by default");
                FaceBox b = face.box();
                assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= 640 && b.y() + b.height() <= 480);
            }
        }
        assertTrue(trackHeld(c.frames), "track ids held across frames of the same photo");
    }

    /** Two consecutive analyzed frames of the two-face photo with the same two track ids. */
    private static boolean trackHeld(List<AnalyzedFrame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            List<Face> a = frames.get(i - 1).faces();
            List<Face> b = frames.get(i).faces();
            if (a.size() == 2 && b.size() == 2
                    && a.stream().map(Face::trackId).sorted().toList().equals(b.stream().map(Face::trackId).sorted().toList())) {
                return true;
            }
        }
        return false;
    }

    private static boolean seen(Collector c, int faces) {
        return c.frames.stream().anyMatch(f -> f.faces().size() == faces);
    }

    @Test
    void aSlowAnalysisDropsFramesInsteadOfQueueingThem() throws Exception {
        FaceDetector real = DetectorOptions.detector(FAST);
        FaceDetector slow = new FaceDetector() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public List<FaceBox> detect(BufferedImage image) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.detect(image);
            }
        };
        FrameAnalyzer analyzer = new FrameAnalyzer(slow, TestModels.classifier());
        Collector c = new Collector();
        try (LivePipeline pipeline = new LivePipeline(analyzer, c)) {
            pipeline.setSource(FrameSources.open(TestData.face(TestData.ONE_FACE_640x480).toString(),
                    CaptureOptions.defaults().withFps(30).realtime(true).looping(true)));
            long end = System.currentTimeMillis() + 60_000;
            while (c.frames.size() < 3 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            PipelineStats s = pipeline.stats();
            int processed = c.frames.size();
            assertTrue(processed >= 3, "processed " + processed);
            // each analysis takes over 250 ms while 7+ frames arrive: they are dropped, not queued
            assertTrue(s.dropped() >= 3L * processed, "dropped " + s.dropped() + " of " + processed + " processed");
            // and what is analyzed is the newest frame: frame numbers jump by the frames dropped
            long jump = c.frames.get(processed - 1).frameNumber() - c.frames.get(processed - 2).frameNumber();
            assertTrue(jump >= 4, "frame number jump " + jump);
        }
        assertTrue(c.frames.stream().allMatch(f -> f.faces().stream().allMatch(x -> x.top() instanceof Emotion)));
    }
}
