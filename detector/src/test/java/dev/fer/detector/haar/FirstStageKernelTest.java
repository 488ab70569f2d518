package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.GrayImage;
import dev.fer.detector.RectList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Vector API kernels ({@link FirstStageKernel} on consecutive windows, {@link SurvivorKernel}
 * on gathered survivors) against their scalar twin: every raw window the same, in the same order,
 * whichever stage the hand-over between the two kernels happens at.
 */
class FirstStageKernelTest {
    private static final Path FACES = Path.of(System.getProperty("fer.shared", "../../shared"), "data", "faces");

    @ParameterizedTest
    @ValueSource(strings = {"haarcascade_frontalface_default.xml", "haarcascade_frontalcatface_extended.xml"})
    void vectorAndScalarFirstStagesAgreeWindowForWindow(String cascadeName) throws Exception {
        assumeTrue(WindowScanner.VECTOR_API, "no Vector API in this JVM");
        assumeTrue(Files.isDirectory(FACES), "shared face photos not found at " + FACES);
        CompiledCascade cc = new CompiledCascade(Cascade.bundled(cascadeName));
        int windows = 0;
        for (String name : List.of("images/2201628776.jpg", "images/1004109301.jpg")) {
            GrayImage g = GrayImage.of(ImageIO.read(FACES.resolve(name).toFile()));
            windows += compare(cc, g);
        }
        byte[] noise = new byte[333 * 257];
        new Random(5).nextBytes(noise);
        compare(cc, new GrayImage(333, 257, noise));
        assertTrue(windows > 0, "some windows were accepted");
    }

    /** Raw windows of every level of the pyramid, scanned both ways; returns how many were accepted. */
    private static int compare(CompiledCascade cc, GrayImage g) {
        Cascade c = cc.cascade;
        WindowScanner scalar = new WindowScanner(cc, false);
        RectList b = new RectList();
        List<ScaleLevel> levels = ScalePlan.levels(g.width(), g.height(), c.windowWidth, c.windowHeight, 1.15, 0, 0, 0, 0);
        for (ScaleLevel level : levels) {
            scalar.scan(g.pixels(), g.width(), g.height(), level, 0, level.yPositions(), b);
        }
        for (int firstKernelStages : new int[] {1, 2, 3, 7, c.stageCount()}) {
            WindowScanner vector = new WindowScanner(cc, true, firstKernelStages);
            RectList a = new RectList();
            for (ScaleLevel level : levels) {
                vector.scan(g.pixels(), g.width(), g.height(), level, 0, level.yPositions(), a);
            }
            assertArrayEquals(flat(b), flat(a), "first kernel on " + firstKernelStages + " stages");
        }
        return b.size();
    }

    private static int[] flat(RectList r) {
        int[] out = new int[4 * r.size()];
        for (int i = 0; i < r.size(); i++) {
            out[4 * i] = r.x(i);
            out[4 * i + 1] = r.y(i);
            out[4 * i + 2] = r.width(i);
            out[4 * i + 3] = r.height(i);
        }
        return out;
    }
}
