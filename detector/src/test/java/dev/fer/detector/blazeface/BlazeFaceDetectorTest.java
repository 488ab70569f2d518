package dev.fer.detector.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.FaceBox;
import dev.fer.detector.blazeface.net.Network;
import dev.fer.detector.blazeface.tflite.TfliteFormatException;
import dev.fer.detector.blazeface.tflite.TfliteModel;
import dev.fer.engine.kernel.Kernels;
import dev.fer.engine.layer.Context;
import dev.fer.engine.parallel.Workers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlazeFaceDetectorTest {
    private static final Path FACES = Path.of(System.getProperty("fer.shared", "../shared"), "data", "faces");

    private static TfliteModel packaged(BlazeFaceVariant v) throws IOException {
        assumeTrue(BlazeFaceDetector.isPackaged(v), "BlazeFace models not packaged (no npm)");
        try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(BlazeFaceDetector.RESOURCE_DIR + v.fileName())) {
            return TfliteModel.parse(ByteBuffer.wrap(in.readAllBytes()), v.fileName());
        }
    }

    @ParameterizedTest
    @EnumSource(BlazeFaceVariant.class)
    void wholeNetworkVectorMatchesScalar(BlazeFaceVariant v) throws IOException {
        TfliteModel m = packaged(v);
        Network vector = Network.compile(m, new Context(false, Workers.single(), Kernels.best(), 0));
        Network scalar = Network.compile(m, new Context(false, Workers.single(), Kernels.scalar(), 0));
        assertEquals(v.inputSize(), vector.inputShape()[1]);
        Random r = new Random(7);
        for (int i = 0; i < vector.input().length; i++) {
            vector.input()[i] = scalar.input()[i] = r.nextFloat() * 2 - 1;
        }
        vector.run();
        scalar.run();
        for (int o = 0; o < 2; o++) {
            float[] x = vector.output(o);
            float[] y = scalar.output(o);
            for (int i = 0; i < x.length; i++) {
                assertEquals(y[i], x[i], 1e-3f * Math.max(1, Math.abs(y[i])), "output " + o + " element " + i);
            }
        }
    }

    @Test
    void mirroredPhotoGivesMirroredFaceWithEyesSwapped() throws IOException {
        Path photo = FACES.resolve("images/1004109301.jpg");
        assumeTrue(Files.isRegularFile(photo), "no face photos");
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.FULL_RANGE), "no packaged model");
        BufferedImage image = ImageIO.read(photo.toFile());
        // pixel by pixel: the surefire JVM is not headless, and Graphics2D would want a display
        BufferedImage mirrored = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                mirrored.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
            }
        }
        BlazeFaceDetector d = BlazeFaceDetector.load(BlazeFaceVariant.FULL_RANGE);
        List<FaceBox> plain = d.detect(image);
        List<FaceBox> flipped = d.detect(mirrored);
        assertEquals(1, plain.size());
        assertEquals(1, flipped.size());
        FaceBox p = plain.get(0);
        FaceBox f = flipped.get(0);
        int tolerance = Math.max(3, p.width() / 20);
        assertEquals(image.getWidth() - p.x() - p.width(), f.x(), tolerance);
        assertEquals(p.y(), f.y(), tolerance);
        assertEquals(p.width(), f.width(), tolerance);
        // the subject's right eye is on the image's left; mirrored, it becomes the left eye
        assertTrue(p.keypoints()[0] < p.keypoints()[2]);
        assertEquals(image.getWidth() - p.keypoints()[0], f.keypoints()[2], tolerance);
        assertEquals(p.keypoints()[1], f.keypoints()[3], tolerance);
    }

    @Test
    void oneInstanceServesSeveralThreadsAndSplitsFramesOverThreads() throws Exception {
        Path photo = FACES.resolve("images/1130084326.jpg");
        assumeTrue(Files.isRegularFile(photo), "no face photos");
        TfliteModel model = packaged(BlazeFaceVariant.SHORT_RANGE);
        BufferedImage image = ImageIO.read(photo.toFile());
        BlazeFaceDetector single = new BlazeFaceDetector(model, 0.5f);
        List<FaceBox> expect = single.detect(image);
        assertTrue(expect.size() >= 2, "the group photo has several faces: " + expect);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<List<FaceBox>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> single.detect(image)));
            }
            for (var r : results) {
                assertEquals(boxes(expect), boxes(r.get()));
            }
        } finally {
            pool.shutdown();
        }
        BlazeFaceDetector split = new BlazeFaceDetector(model, 0.5f, 3);
        assertEquals(boxes(expect), boxes(split.detect(image)));
    }

    private static List<String> boxes(List<FaceBox> faces) {
        return faces.stream().map(f -> f.x() + "," + f.y() + "," + f.width() + "," + f.height()).toList();
    }

    @Test
    void detectionAllocatesNothingAfterWarmUp() {
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE), "no packaged model");
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "no allocation counter in this JVM");
        BlazeFaceDetector d = BlazeFaceDetector.load(BlazeFaceVariant.SHORT_RANGE);
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR); // no face: an empty list
        // until C2 has compiled the Vector API loops, vectors are real objects: warm up in rounds
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 15 && allocated >= 1024; round++) {
            for (int i = 0; i < 40; i++) {
                d.detect(frame);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10; i++) {
                d.detect(frame);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 1024, "10 detections after warm-up allocated " + allocated + " bytes");
    }

    @Test
    void blankAndTinyImagesHaveNoFaces() {
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.SHORT_RANGE), "no packaged model");
        BlazeFaceDetector d = BlazeFaceDetector.load(BlazeFaceVariant.SHORT_RANGE);
        assertEquals(List.of(), d.detect(new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR)));
        assertEquals(List.of(), d.detect(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY)));
        assertEquals("blazeface", d.name());
    }

    @Test
    void aFileThatIsNoModelIsNamedInTheError(@TempDir Path dir) throws IOException {
        Path bogus = dir.resolve("bogus.tflite");
        Files.writeString(bogus, "not a model at all");
        TfliteFormatException e = assertThrows(TfliteFormatException.class, () -> BlazeFaceDetector.load(bogus));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }

    @Test
    void modelFromAFileChoosesTheVariantByItsInputSize(@TempDir Path dir) throws IOException {
        assumeTrue(BlazeFaceDetector.isPackaged(BlazeFaceVariant.FULL_RANGE), "no packaged model");
        Path file = dir.resolve("any-name.tflite");
        try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(
                BlazeFaceDetector.RESOURCE_DIR + BlazeFaceVariant.FULL_RANGE.fileName())) {
            Files.copy(in, file);
        }
        assertEquals(BlazeFaceVariant.FULL_RANGE, BlazeFaceDetector.load(file).variant());
    }
}
