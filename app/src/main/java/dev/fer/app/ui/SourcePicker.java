package dev.fer.app.ui;

import dev.fer.capture.CameraInfo;
import dev.fer.capture.CaptureException;
import dev.fer.capture.FrameSources;
import java.awt.Component;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.ListCellRenderer;
import javax.swing.SwingUtilities;

/**
 * The source box: the cameras found, then "Image or video file…" and "Folder of images…" (file
 * choosers). Closed, it shows what is playing. Picking an entry hands its {@code --source} spec to
 * the window.
 */
final class SourcePicker extends JComboBox<Object> {
    private static final String PICK_FILE = "Image or video file…";
    private static final String PICK_FOLDER = "Folder of images…";

    private final Consumer<String> open;
    private final Consumer<String> notice;
    private String playing = "";
    private boolean updating;

    /** A camera in the box. */
    private record CameraItem(CameraInfo camera) {
        @Override
        public String toString() {
            return "Camera " + camera.index() + ": " + camera.name();
        }
    }

    /**
     * @param open   receives the spec of the source picked
     * @param notice receives a line for the status bar (no cameras, and why)
     */
    SourcePicker(Consumer<String> open, Consumer<String> notice) {
        this.open = open;
        this.notice = notice;
        setPrototypeDisplayValue("Camera 10: a long camera name  ");
        setToolTipText("Play a camera, an image or video file, or a folder of images");
        ListCellRenderer<? super Object> base = getRenderer();
        setRenderer((list, value, index, selected, focus) -> base.getListCellRendererComponent(list,
                value == null && index == -1 ? (playing.isEmpty() ? "Choose a source…" : playing) : value,
                index, selected, focus));
        addActionListener(e -> picked());
    }

    /** Shows {@code description} as what is playing. */
    void setPlaying(String description) {
        playing = description;
        repaint();
    }

    /** Lists the cameras off the EDT (sarxos may take a moment) and fills the box. */
    void refreshCameras() {
        Thread.ofPlatform().name("fer-list-cameras").daemon().start(() -> {
            List<Object> items = new ArrayList<>();
            try {
                for (CameraInfo c : FrameSources.cameras()) {
                    items.add(new CameraItem(c));
                }
            } catch (CaptureException e) {
                SwingUtilities.invokeLater(() -> notice.accept("No cameras: " + e.getMessage()));
            }
            items.add(PICK_FILE);
            items.add(PICK_FOLDER);
            SwingUtilities.invokeLater(() -> {
                updating = true;
                setModel(new DefaultComboBoxModel<>(items.toArray()));
                setSelectedIndex(-1);
                updating = false;
            });
        });
    }

    private void picked() {
        Object item = getSelectedItem();
        if (updating || item == null) {
            return;
        }
        if (item instanceof CameraItem c) {
            open.accept(c.camera().spec());
        } else {
            JFileChooser chooser = new JFileChooser(Path.of("").toAbsolutePath().toFile());
            chooser.setFileSelectionMode(item == PICK_FOLDER ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
            chooser.setDialogTitle(item == PICK_FOLDER ? "Play a folder of images" : "Play an image or a video");
            Component owner = SwingUtilities.getWindowAncestor(this);
            if (chooser.showOpenDialog(owner) == JFileChooser.APPROVE_OPTION) {
                open.accept(chooser.getSelectedFile().getPath());
            }
        }
        updating = true;
        setSelectedIndex(-1); // closed, the box goes back to showing what is playing
        updating = false;
    }
}
