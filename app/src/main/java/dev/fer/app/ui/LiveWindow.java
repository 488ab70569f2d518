package dev.fer.app.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import dev.fer.app.pipeline.AnalyzedFrame;
import dev.fer.app.cli.DetectorOptions;
import dev.fer.detector.haar.DetectionParams;
import dev.fer.app.pipeline.FrameAnalyzer;
import dev.fer.app.pipeline.LivePipeline;
import dev.fer.detector.FaceDetector;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import dev.fer.capture.FrameSource;
import dev.fer.capture.FrameSources;
import dev.fer.engine.io.AtomicFiles;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics2D;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The live window: toolbar (source, pause, snapshot, record, sensitivity, tracking, smoothing, mirror TTA,
 * faces shown), the video with its overlays, the bar chart, and a status line with the rates.
 * Built and used on the EDT; frames arrive from the pipeline's thread and are handed over with at
 * most one pending repaint, so a slow screen never backs up the pipeline.
 */
public final class LiveWindow {
    /** The sensitivity slider runs over minNeighbors, inverted: more sensitive = fewer neighbours. */
    static final int MAX_NEIGHBORS = 12;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final LivePipeline pipeline;
    private final CaptureOptions captureOptions;
    private final Path snapshotDir;
    private final JFrame frame = new JFrame("fer · live facial expression recognition");
    private final VideoView video = new VideoView();
    private final EmotionBarsView bars = new EmotionBarsView();
    private final StatusBar statusBar = new StatusBar();
    private final SourcePicker sourcePicker = new SourcePicker(this::openSource, this::notice);
    private final JToggleButton pauseButton = new JToggleButton("Pause");
    private final JToggleButton recordButton = new JToggleButton("Record");
    private final Recording recording = new Recording();
    private final AtomicReference<AnalyzedFrame> pending = new AtomicReference<>();
    private final AtomicBoolean repaintQueued = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final KeyEventDispatcher keys = this::onKey;
    private final Timer statusTimer;
    private final Function<DetectionParams, FaceDetector> detectors;
    private DetectionParams settings;

    /**
     * @param analyzer       analyzes each frame; the window runs it in its own {@link LivePipeline}
     * @param settings       the detector's settings the sensitivity slider starts from
     * @param detectors      makes the detector for new settings
     * @param captureOptions how sources picked in the window are opened
     * @param snapshotDir    where snapshots go
     */
    public LiveWindow(FrameAnalyzer analyzer, DetectionParams settings, Function<DetectionParams, FaceDetector> detectors,
                      CaptureOptions captureOptions, Path snapshotDir) {
        this.detectors = detectors;
        this.pipeline = new LivePipeline(analyzer, new FrameHandler());
        this.settings = settings;
        this.captureOptions = captureOptions;
        this.snapshotDir = snapshotDir;

        JPanel stage = new JPanel(new StageLayout(video, bars));
        stage.add(video);
        stage.add(bars);

        JPanel root = new JPanel(new BorderLayout());
        root.setBackground(Theme.BACKGROUND);
        JPanel toolbar = toolbar();
        root.add(toolbar, BorderLayout.NORTH);
        root.add(stage, BorderLayout.CENTER);
        root.add(statusBar, BorderLayout.SOUTH);
        frame.setContentPane(root);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        frame.addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                toolbar.revalidate(); // the toolbar wraps to the new width
            }
        });
        frame.setMinimumSize(new Dimension(480, 400));
        frame.setSize(1180, 720);
        frame.setLocationByPlatform(true);
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(keys);
        statusTimer = new Timer(250, e -> refreshStatus());
    }

    /** Takes the pipeline's results on its thread: records every frame, shows the newest. */
    private final class FrameHandler implements LivePipeline.Listener {
        @Override
        public void frameAnalyzed(AnalyzedFrame f) {
            if (closed.getCount() == 0) {
                return; // the last frame in flight when the window closed
            }
            recording.write(f);
            pipeline.recycle(pending.getAndSet(f)); // replaced before the screen got to it
            if (repaintQueued.compareAndSet(false, true)) {
                SwingUtilities.invokeLater(LiveWindow.this::showPending);
            }
        }

        @Override
        public void sourceEnded(String source, Exception error) {
            SwingUtilities.invokeLater(() -> video.showMessage(error == null
                    ? source + " has ended.\nPick another source above."
                    : error.getMessage() + "\nPick another source above: a camera, a file or a folder."));
        }
    }

    /** The flat dark look; call on the EDT before the first window opens. */
    public static void installLookAndFeel() {
        FlatDarkLaf.setup();
        UIManager.put("Component.arc", 10);
        UIManager.put("Button.arc", 10);
    }

    public void show() {
        frame.setVisible(true);
        statusTimer.start();
        sourcePicker.refreshCameras();
    }

    /** Opens {@code spec} (see {@link FrameSources#USAGE}) off the EDT and plays it. */
    public void openSource(String spec) {
        video.showMessage("Opening " + spec + " …");
        Thread.ofPlatform().name("fer-open-source").daemon().start(() -> {
            try {
                FrameSource source = FrameSources.open(spec, captureOptions);
                SwingUtilities.invokeLater(() -> {
                    sourcePicker.setPlaying(source.describe());
                    pipeline.setSource(source);
                    video.showMessage("Waiting for the first frame of " + source.describe() + " …");
                });
            } catch (CaptureException e) {
                SwingUtilities.invokeLater(() -> video.showMessage(
                        e.getMessage() + "\nPick another source above: a camera, an image or video file, or a folder."));
            }
        });
    }

    /** Starts recording into {@code file} (.csv or .json). */
    public void startRecording(Path file) throws IOException {
        recording.start(file);
        recordButton.setSelected(true);
        notice("Recording to " + file);
    }

    /** Blocks until the window is closed. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Quits: stops the pipeline and any recording, closes the window. */
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        statusTimer.stop();
        KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(keys);
        pipeline.close();
        recording.stop();
        frame.dispose();
        closed.countDown();
    }

    JFrame frame() {
        return frame;
    }

    VideoView video() {
        return video;
    }

    boolean paused() {
        return pipeline.paused();
    }

    /** What the window shows now, drawn into an image (the tests' screenshot). */
    BufferedImage paintWindow() {
        JPanel root = (JPanel) frame.getContentPane();
        BufferedImage img = new BufferedImage(root.getWidth(), root.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        root.paintAll(g);
        g.dispose();
        return img;
    }

    /** The current frame at its own resolution with its overlays: what a snapshot saves. */
    BufferedImage renderSnapshot() {
        AnalyzedFrame f = video.frame();
        if (f == null || f.image() == null) {
            return null;
        }
        BufferedImage img = new BufferedImage(f.image().getWidth(), f.image().getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        OverlayPainter.paint(g, f, 0, 0, 1);
        g.dispose();
        return img;
    }

    private void showPending() {
        repaintQueued.set(false);
        AnalyzedFrame f = pending.getAndSet(null);
        if (f != null) {
            AnalyzedFrame old = video.frame();
            video.show(f);
            bars.show(f.faces());
            pipeline.recycle(old); // painting and snapshots happen on this thread: nothing reads it now
        }
    }

    private JPanel toolbar() {
        JPanel bar = new JPanel(new WrapLayout(FlowLayout.LEFT, 8, 6));
        bar.setBackground(Theme.PANEL);
        bar.setBorder(BorderFactory.createMatteBorder(0, 0, 1, 0, Theme.TRACK));

        bar.add(caption("Source"));
        bar.add(sourcePicker);

        pauseButton.setToolTipText("Pause or resume (space)");
        pauseButton.addActionListener(e -> setPaused(pauseButton.isSelected()));
        bar.add(pauseButton);

        JButton snapshot = new JButton("Snapshot");
        snapshot.setToolTipText("Save the current frame with its labels as PNG (s)");
        snapshot.addActionListener(e -> snapshot());
        bar.add(snapshot);

        recordButton.setToolTipText("Record every frame's faces to CSV or JSON (r)");
        recordButton.addActionListener(e -> toggleRecording(recordButton.isSelected()));
        bar.add(recordButton);

        bar.add(caption("  Sensitivity"));
        JSlider sensitivity = new JSlider(0, MAX_NEIGHBORS - 1, MAX_NEIGHBORS - settings.minNeighbors());
        sensitivity.setPreferredSize(new Dimension(120, sensitivity.getPreferredSize().height));
        sensitivity.setToolTipText("Detector sensitivity: higher finds more faces, and more false ones");
        sensitivity.addChangeListener(e -> {
            if (!sensitivity.getValueIsAdjusting()) {
                settings = DetectorOptions.withMinNeighbors(settings, MAX_NEIGHBORS - sensitivity.getValue());
                pipeline.analyzer().setDetector(detectors.apply(settings));
                notice("Detector: min neighbours " + settings.minNeighbors());
            }
        });
        bar.add(sensitivity);

        JCheckBox tracking = new JCheckBox("Tracking", pipeline.analyzer().tracking());
        JCheckBox smoothing = new JCheckBox("Smoothing", pipeline.analyzer().smoothing());
        tracking.setToolTipText("Follow each face across frames (IoU matching)");
        smoothing.setToolTipText("Average each tracked face's probabilities over ~0.3 s so labels do not flicker");
        tracking.addActionListener(e -> {
            pipeline.analyzer().setTracking(tracking.isSelected());
            smoothing.setEnabled(tracking.isSelected());
        });
        smoothing.addActionListener(e -> pipeline.analyzer().setSmoothing(smoothing.isSelected()));
        bar.add(tracking);
        bar.add(smoothing);

        JCheckBox mirror = new JCheckBox("Mirror TTA", pipeline.analyzer().mirrorAveraging());
        mirror.setToolTipText("Classify each face with its mirror image too and average the two: a little more"
                + " accurate, twice the model's time per face");
        mirror.addActionListener(e -> pipeline.analyzer().setMirrorAveraging(mirror.isSelected()));
        bar.add(mirror);

        JCheckBox largest = new JCheckBox("Largest face only");
        largest.setToolTipText("The bar chart shows only the largest face");
        largest.addActionListener(e -> bars.setLargestOnly(largest.isSelected()));
        bar.add(largest);
        return bar;
    }

    private static JLabel caption(String text) {
        JLabel l = new JLabel(text);
        l.setForeground(Theme.MUTED);
        return l;
    }

    private void refreshStatus() {
        AnalyzedFrame f = video.frame();
        statusBar.show(pipeline.stats(), f == null ? 0 : f.faces().size(), recording.active());
        IOException failure = recording.takeFailure();
        if (failure != null) {
            recordButton.setSelected(false);
            notice("Recording stopped: " + failure.getMessage());
        }
    }

    private void notice(String text) {
        statusBar.notice(text);
    }

    private void setPaused(boolean paused) {
        pauseButton.setSelected(paused);
        pipeline.setPaused(paused);
        video.setPaused(paused);
    }

    void snapshot() {
        BufferedImage img = renderSnapshot();
        if (img == null) {
            notice("Nothing to save yet");
            return;
        }
        Path file = snapshotDir.resolve("fer-snapshot-" + LocalDateTime.now().format(STAMP) + ".png");
        try {
            AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
            notice("Saved " + file.toAbsolutePath());
        } catch (IOException e) {
            notice("Could not save the snapshot: " + e.getMessage());
        }
    }

    private void toggleRecording(boolean on) {
        if (!on) {
            recording.stop();
            notice("Recorded to " + recording.file());
            return;
        }
        JFileChooser chooser = new JFileChooser(snapshotDir.toAbsolutePath().toFile());
        chooser.setDialogTitle("Record to a .csv or .json file");
        chooser.setSelectedFile(snapshotDir.resolve("fer-recording-" + LocalDateTime.now().format(STAMP) + ".csv").toFile());
        if (chooser.showSaveDialog(frame) != JFileChooser.APPROVE_OPTION) {
            recordButton.setSelected(false);
            return;
        }
        try {
            startRecording(chooser.getSelectedFile().toPath());
        } catch (IOException | IllegalArgumentException e) {
            recordButton.setSelected(false);
            notice("Cannot record: " + e.getMessage());
        }
    }

    /** Window-wide keys, whichever control has the focus: q/Esc quit, space pause, s snapshot, r record. */
    private boolean onKey(KeyEvent e) {
        if (e.getID() != KeyEvent.KEY_PRESSED || !frame.isActive()) {
            return false;
        }
        switch (e.getKeyCode()) {
            case KeyEvent.VK_Q, KeyEvent.VK_ESCAPE -> close();
            case KeyEvent.VK_SPACE -> setPaused(!pipeline.paused());
            case KeyEvent.VK_S -> snapshot();
            case KeyEvent.VK_R -> {
                recordButton.setSelected(!recording.active());
                toggleRecording(recordButton.isSelected());
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
