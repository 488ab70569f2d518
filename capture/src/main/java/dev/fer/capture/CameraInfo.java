package dev.fer.capture;

import java.awt.Dimension;
import java.util.List;

/**
 * A camera the system offers.
 *
 * @param index       its position in the list; {@code --source INDEX} picks it
 * @param name        the device's name; {@code --source NAME} (or a unique part of it) picks it
 * @param resolutions the frame sizes it reports, largest first
 */
public record CameraInfo(int index, String name, List<Dimension> resolutions) {
    public CameraInfo {
        resolutions = List.copyOf(resolutions);
    }

    /** The spec that opens this camera, for {@link FrameSources#open(String, CaptureOptions)}. */
    public String spec() {
        return "camera:" + index;
    }

    @Override
    public String toString() {
        StringBuilder sizes = new StringBuilder();
        for (Dimension d : resolutions) {
            sizes.append(sizes.isEmpty() ? "" : ", ").append(d.width).append('x').append(d.height);
        }
        return index + ": " + name + (sizes.isEmpty() ? "" : " (" + sizes + ")");
    }
}
