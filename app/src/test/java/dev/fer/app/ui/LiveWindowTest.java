package dev.fer.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fer.app.cli.DetectorOptions;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.pipeline.Face;
import dev.fer.app.pipeline.FrameAnalyzer;
import dev.fer.app.support.TestData;
import dev.fer.capture.CaptureOptions;
import dev.fer.detector.FaceBox;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.app.support.TestModels;
import dev.fer.trainer.model.Emotion;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window on a real display (Xvfb in CI) playing a real photo through the real detector and
 * model: its painted content must show a box and a label in the top emotion's colour where each
 * face is, and the bar chart's colours.
 */
class LiveWindowTest {
    @TempDir
    Path dir;

    private LiveWindow window;

    @BeforeEach
    void needsADisplay() {
        assumeFalse(GraphicsEnvironment.isHeadless(), "no display: run under Xvfb (DISPLAY)");
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (window != null) {
            SwingUtilities.invokeAndWait(window::close);
        }
    }

    @Test
    void showsABoxAndALabelInTheEmotionsColourOnEveryFace() throws Exception {
        Path photo = TestData.face(TestData.TWO_FACES);
        // as fer-app runs it: the live detector settings and region scans
        FrameAnalyzer analyzer = new FrameAnalyzer(DetectorOptions.detector(DetectorOptions.LIVE), TestModels.classifier());
        analyzer.setRegionScans(true);
        AtomicReference<LiveWindow> ref = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            LiveWindow.installLookAndFeel();
            LiveWindow w = new LiveWindow(analyzer, DetectorOptions.LIVE, DetectorOptions::detector,
                    CaptureOptions.defaults().realtime(true).looping(true).withFps(15), dir);
            w.show();
            try {
                w.startRecording(dir.resolve("rec.csv"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            w.openSource(photo.toString());
            ref.set(w);
        });
        window = ref.get();
        AnalyzedFrame shown = waitForFaces(2, 30_000);
        Thread.sleep(1500); // let the rates settle and the status line update
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        AtomicReference<Point> videoOrigin = new AtomicReference<>();
        AtomicReference<double[]> placement = new AtomicReference<>();
        AtomicReference<AnalyzedFrame> painted = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            // on the EDT, the frame shown cannot change between reading it and painting it
            painted.set(window.video().frame());
            shown(painted.get());
            shot.set(window.paintWindow());
            videoOrigin.set(SwingUtilities.convertPoint(window.video(), 0, 0, window.frame().getContentPane()));
            placement.set(window.video().placement(shown.image().getWidth(), shown.image().getHeight()));
        });
        BufferedImage img = shot.get();
        ImageIO.write(img, "png", TestData.outputDir().resolve("live-window.png").toFile());

        AnalyzedFrame current = painted.get();
        assertEquals(2, current.faces().size());
        double[] t = placement.get();
        for (Face f : current.faces()) {
            Color c = EmotionStyle.of(f.top());
            FaceBox b = f.box();
            int x0 = videoOrigin.get().x + (int) Math.round(t[0] + b.x() * t[2]);
            int y0 = videoOrigin.get().y + (int) Math.round(t[1] + b.y() * t[2]);
            int x1 = videoOrigin.get().x + (int) Math.round(t[0] + (b.x() + b.width()) * t[2]);
            int y1 = videoOrigin.get().y + (int) Math.round(t[1] + (b.y() + b.height()) * t[2]);
            // the corner brackets: the left edge near the bottom-left corner is drawn in the colour
            assertTrue(countNear(img, c, x0 - 3, y1 - 12, x0 + 3, y1 - 2) > 0,
                    "box corner of " + f.top() + " at " + x0 + "," + y1);
            // the label tag above the box (or inside its top when there is no room) is filled with it
            int tagPixels = countNear(img, c, x0, Math.max(0, y0 - 40), x0 + 60, y0 + 40);
            assertTrue(tagPixels > 200, "label tag of " + f.top() + ": " + tagPixels + " pixels");
            // and holds text: pixels of the text colour inside the tag
            Color text = EmotionStyle.textOn(c);
            assertTrue(countNear(img, text, x0, Math.max(0, y0 - 40), x0 + 100, y0 + 40) > 20, "label text");
        }
        // the recording has the frame's two faces, and a snapshot is the frame with its overlays
        java.util.List<String> rows = java.nio.file.Files.readAllLines(dir.resolve("rec.csv"));
        assertTrue(rows.size() >= 3, rows.toString());
        assertTrue(rows.get(1).contains("9545523490.jpg") && rows.get(2).contains("9545523490.jpg"), rows.toString());
        // frames keep coming: the snapshot's frame, read on the EDT in the same turn, is the one to check
        AtomicReference<AnalyzedFrame> snapped = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            snapped.set(window.video().frame());
            window.snapshot();
        });
        Path snap;
        try (var files = java.nio.file.Files.list(dir)) {
            snap = files.filter(f -> f.getFileName().toString().startsWith("fer-snapshot-")).findFirst().orElseThrow();
        }
        BufferedImage png = ImageIO.read(snap.toFile());
        assertEquals(shown.image().getWidth(), png.getWidth());
        assertFalse(snapped.get().faces().isEmpty(), "the snapshot's frame has its faces");
        Face first = snapped.get().faces().get(0);
        assertTrue(countNear(png, EmotionStyle.of(first.top()), first.box().x() - 4, first.box().y() - 40,
                first.box().x() + first.box().width(), first.box().y() + 40) > 100, "snapshot overlay");

        // the bar chart, right of the video, shows the colour of every emotion with a visible share
        int chartX = videoOrigin.get().x + window.video().getWidth();
        for (Emotion e : Emotion.values()) {
            float p = Math.max(current.faces().get(0).probability(e), current.faces().get(1).probability(e));
            if (p >= 0.02f) {
                assertTrue(countNear(img, EmotionStyle.of(e), chartX, 0, img.getWidth(), img.getHeight()) > 10, "bar of " + e);
            }
        }

        // the Mirror TTA switch reaches the classifier while frames flow, and the faces keep coming
        assertFalse(analyzer.mirrorAveraging());
        SwingUtilities.invokeAndWait(() -> {
            javax.swing.JCheckBox mirror = checkBox(window.frame().getContentPane(), "Mirror TTA");
            assertNotNull(mirror, "the toolbar has a Mirror TTA switch");
            mirror.doClick();
        });
        assertTrue(analyzer.mirrorAveraging());
        AnalyzedFrame before = shown;
        long end = System.currentTimeMillis() + 30_000;
        AnalyzedFrame after = before;
        while (after == before && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            after = waitForFaces(2, 30_000);
        }
        assertTrue(after != before, "no new frame with both faces after switching mirror TTA on");
    }

    /** The check box labelled {@code text} somewhere under {@code root}, or null. */
    private static javax.swing.JCheckBox checkBox(java.awt.Container root, String text) {
        for (java.awt.Component c : root.getComponents()) {
            if (c instanceof javax.swing.JCheckBox box && text.equals(box.getText())) {
                return box;
            }
            if (c instanceof java.awt.Container inner && checkBox(inner, text) instanceof javax.swing.JCheckBox found) {
                return found;
            }
        }
        return null;
    }

    @Test
    void aNarrowWindowStacksTheChartUnderTheVideo() throws Exception {
        Path photo = TestData.face(TestData.TWO_FACES);
        FrameAnalyzer analyzer = new FrameAnalyzer(DetectorOptions.detector(DetectorOptions.LIVE), TestModels.classifier());
        AtomicReference<LiveWindow> ref = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            LiveWindow.installLookAndFeel();
            LiveWindow w = new LiveWindow(analyzer, DetectorOptions.LIVE, DetectorOptions::detector,
                    CaptureOptions.defaults().realtime(true).looping(true).withFps(15), dir);
            w.frame().setSize(600, 820);
            w.show();
            w.openSource(photo.toString());
            ref.set(w);
        });
        window = ref.get();
        waitForFaces(2, 30_000);
        AtomicReference<BufferedImage> shot = new AtomicReference<>();
        AtomicReference<java.awt.Rectangle> video = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            window.frame().validate();
            shot.set(window.paintWindow());
            video.set(SwingUtilities.convertRectangle(window.video().getParent(), window.video().getBounds(),
                    window.frame().getContentPane()));
        });
        ImageIO.write(shot.get(), "png", TestData.outputDir().resolve("live-window-narrow.png").toFile());
        java.awt.Rectangle v = video.get();
        assertEquals(shot.get().getWidth(), v.width, "the video takes the full width");
        // the chart's cards are below the video, not beside it
        int below = 0;
        for (Emotion e : Emotion.values()) {
            below += countNear(shot.get(), EmotionStyle.of(e), 0, v.y + v.height, v.width, shot.get().getHeight());
        }
        assertTrue(below > 50, "chart colours below the video: " + below);
    }

    @Test
    void spacePausesAndQQuits() throws Exception {
        FrameAnalyzer analyzer = new FrameAnalyzer(DetectorOptions.detector(DetectorOptions.LIVE), TestModels.classifier());
        AtomicReference<LiveWindow> ref = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            LiveWindow.installLookAndFeel();
            LiveWindow w = new LiveWindow(analyzer, DetectorOptions.LIVE, DetectorOptions::detector, CaptureOptions.defaults(), dir);
            w.show();
            ref.set(w);
        });
        window = ref.get();
        java.awt.Robot robot = new java.awt.Robot();
        long end = System.currentTimeMillis() + 10_000;
        while (!window.frame().isActive() && System.currentTimeMillis() < end) {
            SwingUtilities.invokeAndWait(() -> {
                window.frame().toFront();
                window.frame().requestFocus();
            });
            robot.delay(100);
        }
        assumeTrue(window.frame().isActive(), "the display gives no window the focus (no window manager)");
        robot.keyPress(java.awt.event.KeyEvent.VK_SPACE);
        robot.keyRelease(java.awt.event.KeyEvent.VK_SPACE);
        robot.waitForIdle();
        AtomicReference<Boolean> paused = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> paused.set(window.paused()));
        assertTrue(paused.get(), "space pauses");
        robot.keyPress(java.awt.event.KeyEvent.VK_Q);
        robot.keyRelease(java.awt.event.KeyEvent.VK_Q);
        Thread awaiting = Thread.ofPlatform().start(() -> {
            try {
                window.awaitClose();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaiting.join(10_000);
        assertFalse(awaiting.isAlive(), "q closed the window");
        assertFalse(window.frame().isDisplayable(), "the frame is disposed");
    }

    @Test
    void aSourceThatCannotBeOpenedSaysSoInTheWindow() throws Exception {
        FrameAnalyzer analyzer = new FrameAnalyzer(DetectorOptions.detector(DetectorOptions.LIVE), TestModels.classifier());
        AtomicReference<LiveWindow> ref = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            LiveWindow.installLookAndFeel();
            LiveWindow w = new LiveWindow(analyzer, DetectionParams.DEFAULT, DetectorOptions::detector, CaptureOptions.defaults(), dir);
            w.show();
            w.openSource(dir.resolve("missing.mp4").toString());
            ref.set(w);
        });
        window = ref.get();
        long end = System.currentTimeMillis() + 10_000;
        String msg = null;
        while (System.currentTimeMillis() < end) {
            AtomicReference<String> m = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> m.set(window.video().message()));
            msg = m.get();
            if (msg != null && msg.contains("missing.mp4") && !msg.startsWith("Opening")) {
                break;
            }
            Thread.sleep(50);
        }
        assertNotNull(msg);
        assertTrue(msg.contains("missing.mp4") && msg.contains("Pick another source"), msg);
        assertFalse(window.frame().isVisible() && window.video().frame() != null);
    }

    private static void shown(AnalyzedFrame f) {
        assertNotNull(f, "a frame is shown");
    }

    private AnalyzedFrame waitForFaces(int faces, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            AtomicReference<AnalyzedFrame> f = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> f.set(window.video().frame()));
            if (f.get() != null && f.get().faces().size() == faces) {
                return f.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no frame with " + faces + " faces shown within " + millis + " ms");
    }

    /** Pixels within a small distance of colour {@code c} in the rectangle (clipped to the image). */
    static int countNear(BufferedImage img, Color c, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xFF) - c.getRed();
                int dg = ((rgb >> 8) & 0xFF) - c.getGreen();
                int db = (rgb & 0xFF) - c.getBlue();
                if (dr * dr + dg * dg + db * db < 30 * 30) {
                    n++;
                }
            }
        }
        return n;
    }
}
