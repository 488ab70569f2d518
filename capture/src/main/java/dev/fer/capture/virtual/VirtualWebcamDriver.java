package dev.fer.capture.virtual;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import dev.fer.capture.CaptureException;
import dev.fer.capture.CaptureOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A sarxos {@link WebcamDriver} whose cameras are {@link VirtualWebcamDevice}s. Install it with
 * {@code Cameras.install(driver)} (or {@code Webcam.setDriver}) before any other {@code Webcam}
 * call, and sarxos never loads its native (BridJ) driver.
 */
public final class VirtualWebcamDriver implements WebcamDriver {
    private final List<VirtualWebcamDevice> devices;

    public VirtualWebcamDriver(List<VirtualWebcamDevice> devices) {
        this.devices = List.copyOf(devices);
    }

    /** One virtual camera per spec (image, folder or video), named {@code virtual 0}, {@code virtual 1}, .... */
    public static VirtualWebcamDriver of(List<String> specs, CaptureOptions options) throws CaptureException {
        List<VirtualWebcamDevice> devices = new ArrayList<>();
        for (String spec : specs) {
            devices.add(VirtualWebcamDevice.of("virtual " + devices.size() + " (" + spec + ")", spec, options));
        }
        return new VirtualWebcamDriver(devices);
    }

    /** The devices, for tests that {@link VirtualWebcamDevice#simulate simulate} faults. */
    public List<VirtualWebcamDevice> devices() {
        return devices;
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return new ArrayList<>(devices);
    }

    /** The devices synchronize themselves, so sarxos may call them from any thread (no processor thread). */
    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String toString() {
        return "virtual webcam driver (" + devices.size() + " cameras)";
    }
}
