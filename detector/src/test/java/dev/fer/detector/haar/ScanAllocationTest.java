package dev.fer.detector.haar;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.detector.GrayImage;
import dev.fer.detector.RectList;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The Haar scan as the app runs it (one cascade, the vector kernels) must not allocate once
 * warm. Its own class, so that with the module's one-JVM-per-class forks it sees only the
 * profiles this use produces: after the twin tests of {@link FirstStageKernelTest} ran in the
 * same JVM, C2 compiled the kernels differently and boxed their vectors (117 MB per scan).
 */
class ScanAllocationTest {
    private static final Path FACES = Path.of(System.getProperty("fer.shared", "../../shared"), "data", "faces");

    /**
     * Once the JIT has compiled the kernels, scanning a pyramid allocates nothing: a vector that
     * crosses a call the JIT does not inline is boxed on the heap, which made the kernels several
     * times slower before (hundreds of megabytes per frame), and is caught here.
     */
    @Test
    void scanningAllocatesNothingAfterWarmUp() throws Exception {
        assumeTrue(WindowScanner.VECTOR_API, "no Vector API in this JVM");
        assumeTrue(Files.isDirectory(FACES), "shared face photos not found at " + FACES);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GrayImage g = GrayImage.of(ImageIO.read(FACES.resolve("images/2201628776.jpg").toFile()));
        Cascade c = Cascade.frontalFace();
        WindowScanner scanner = new WindowScanner(new CompiledCascade(c));
        ScaleLevel[] levels = ScalePlan.levels(g.width(), g.height(), c.windowWidth, c.windowHeight, 1.1, 30, 30, 0, 0)
                .toArray(ScaleLevel[]::new);
        RectList out = new RectList();
        long perScan = Long.MAX_VALUE;
        // bounded, so that a hot path that keeps allocating fails instead of looping
        for (long deadline = System.nanoTime() + 60_000_000_000L; perScan >= 64 && System.nanoTime() < deadline; ) {
            out.clear();
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < levels.length; i++) { // no iterator: the test's own loop allocates nothing either
                scanner.scan(g.pixels(), g.width(), g.height(), levels[i], 0, levels[i].yPositions(), out);
            }
            perScan = mx.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(perScan < 64, "one scan of the pyramid allocates " + perScan + " bytes after warm-up");
        assertTrue(out.size() > 0, "the photo's faces were found");
    }
}
