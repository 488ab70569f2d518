package dev.fer.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.WebcamException;
import dev.fer.capture.camera.Cameras;
import dev.fer.capture.camera.WebcamSource;
import dev.fer.capture.support.BgrImages;
import dev.fer.capture.virtual.VirtualWebcamDevice;
import dev.fer.capture.virtual.VirtualWebcamDevice.Fault;
import dev.fer.capture.virtual.VirtualWebcamDriver;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras through the real sarxos {@link Webcam} API on the virtual driver: camera 0 plays a folder
 * of three face photos, camera 1 one photo again and again. The driver is installed before any other webcam call,
 * so sarxos's native driver (BridJ) never loads.
 */
class CamerasTest {
    @TempDir
    static Path dir;

    static List<Path> sequence;
    static Path single;
    static VirtualWebcamDriver driver;

    @BeforeAll
    static void installVirtualCameras() throws Exception {
        List<Path> photos = TestData.facePhotos(4);
        Path folder = Files.createDirectory(dir.resolve("seq"));
        sequence = List.of(folder.resolve("f1.jpg"), folder.resolve("f2.jpg"), folder.resolve("f3.jpg"));
        for (int i = 0; i < 3; i++) {
            Files.copy(photos.get(i), sequence.get(i));
        }
        single = photos.get(3);
        // camera 0 plays the folder once and ends; camera 1 shows its photo for ever, as a camera does
        driver = new VirtualWebcamDriver(List.of(
                VirtualWebcamDevice.of("virtual 0 (" + folder + ")", folder.toString(), CaptureOptions.defaults()),
                VirtualWebcamDevice.of("virtual 1 (" + single + ")", single.toString(), CaptureOptions.defaults().looping(true))));
        Cameras.install(driver);
    }

    @AfterEach
    void repairDevices() {
        driver.devices().forEach(d -> d.simulate(Fault.NONE));
    }

    private static VirtualWebcamDevice folderCamera() {
        return driver.devices().getFirst();
    }

    @Test
    void sarxosWebcamApiDeliversTheVirtualPictures() throws Exception {
        List<CameraInfo> cameras = FrameSources.cameras();
        assertEquals(2, cameras.size());
        assertSame(driver, Webcam.getDriver(), "the installed driver, never the native one");
        List<Webcam> webcams = Webcam.getWebcams();
        assertEquals(2, webcams.size());

        Webcam webcam = webcams.getFirst();
        BufferedImage first = TestData.read(sequence.getFirst());
        assertEquals(new Dimension(first.getWidth(), first.getHeight()), webcam.getViewSizes()[0]);
        assertTrue(Arrays.asList(webcam.getViewSizes()).contains(new Dimension(320, 240)));
        webcam.getLock().disable();
        webcam.setViewSize(new Dimension(320, 240));
        assertTrue(webcam.open());
        try {
            BufferedImage image = webcam.getImage();
            TestData.assertSamePixels(BgrImages.fitted(first, 320, 240), image, "first picture at 320x240");
            TestData.assertSamePixels(BgrImages.fitted(TestData.read(sequence.get(1)), 320, 240), webcam.getImage(),
                    "second picture");
        } finally {
            assertTrue(webcam.close());
        }
        assertNull(webcam.getImage(), "a closed webcam gives nothing");
        webcam.setViewSize(webcam.getViewSizes()[0]);
    }

    @Test
    void camerasAreListedWithIndexNameAndSizes() throws Exception {
        List<CameraInfo> cameras = FrameSources.cameras();
        assertEquals(0, cameras.get(0).index());
        assertEquals("camera:1", cameras.get(1).spec());
        assertTrue(cameras.get(1).name().startsWith("virtual 1") && cameras.get(1).name().contains(single.toString()),
                cameras.get(1).name());
        List<Dimension> sizes = cameras.get(0).resolutions();
        for (int i = 1; i < sizes.size(); i++) {
            assertTrue((long) sizes.get(i - 1).width * sizes.get(i - 1).height >= (long) sizes.get(i).width * sizes.get(i).height,
                    "largest first: " + sizes);
        }
    }

    @Test
    void aCameraPickedByIndexPlaysItsFramesLiveAndEnds() throws Exception {
        try (FrameSource camera = FrameSources.open("0")) {
            assertTrue(camera instanceof WebcamSource, camera.describe());
            assertTrue(camera.isLive());
            assertTrue(camera.describe().startsWith("Camera 0 \"virtual 0"), camera.describe());
            Path lockFile = ((WebcamSource) camera).webcam().getLock().getLockFile().toPath();
            assertFalse(Files.exists(lockFile), "no sarxos lock file while open (parallel JVMs collide on it): " + lockFile);
            Dimension size = camera.size();
            BufferedImage first = TestData.read(sequence.getFirst());
            assertEquals(new Dimension(first.getWidth(), first.getHeight()), size, "the folder's first image sets the size");
            long lastTime = -1;
            for (int i = 0; i < 3; i++) {
                Frame frame = camera.next();
                assertEquals(i, frame.number());
                assertTrue(frame.timestampNanos() >= lastTime, "camera time never goes back");
                lastTime = frame.timestampNanos();
                assertEquals(folderCamera().getName(), frame.origin());
                // like a real camera, every frame has the camera's size: the photos are fitted into it
                BufferedImage expected = BgrImages.fitted(TestData.read(sequence.get(i)), size.width, size.height);
                TestData.assertSamePixels(expected, frame.image(), "camera frame " + i);
            }
            assertNull(camera.next(), "a virtual camera over a folder ends with it");
        }
        for (String first : new String[] {"camera", "camera:", " CAMERA:0 ", ""}) {
            try (FrameSource camera = FrameSources.open(first)) {
                assertTrue(camera.describe().startsWith("Camera 0 "), "'" + first + "' is the first camera");
            }
        }
    }

    @Test
    void aCameraPickedByNameAndResolution() throws Exception {
        CaptureOptions options = CaptureOptions.defaults().withResolution(330, 250);
        try (FrameSource camera = FrameSources.open("camera:Virtual 1", options)) {
            assertEquals(new Dimension(320, 240), camera.size(), "the nearest size the camera offers");
            assertTrue(camera.describe().contains("asked 330x250"), camera.describe());
            Frame frame = camera.next();
            TestData.assertSamePixels(BgrImages.fitted(TestData.read(single), 320, 240), frame.image(), "camera 1");
        }
    }

    @Test
    void unknownCamerasAreExplainedWithTheCamerasThereAre() {
        String seven = assertThrows(CaptureException.class, () -> FrameSources.open("7")).getMessage();
        assertTrue(seven.startsWith("There is no camera 7.") && seven.contains("0 \"virtual 0")
                && seven.contains("1 \"virtual 1") && seven.contains("a folder of images"), seven);
        String nope = assertThrows(CaptureException.class, () -> FrameSources.open("nope")).getMessage();
        assertTrue(nope.startsWith("No camera is called 'nope'.") && nope.contains("virtual 1"), nope);
        String both = assertThrows(CaptureException.class, () -> FrameSources.open("camera:virtual")).getMessage();
        assertTrue(both.startsWith("'virtual' matches 2 cameras"), both);
        String file = assertThrows(CaptureException.class, () -> FrameSources.open("nope.jpg")).getMessage();
        assertTrue(file.startsWith("No such file or folder: nope.jpg"), file);
    }

    @Test
    void aBusyCameraSaysSoAndTheOthersStillWork() throws Exception {
        folderCamera().simulate(Fault.BUSY);
        String message = assertThrows(CaptureException.class, () -> FrameSources.open("0")).getMessage();
        assertTrue(message.contains("could not be opened: it may be in use by another program")
                && message.contains("Other sources:"), message);
        try (FrameSource other = FrameSources.open("1")) {
            assertTrue(other.next() != null, "camera 1 is not affected");
        }
        folderCamera().simulate(Fault.NONE);
        try (FrameSource recovered = FrameSources.open("0")) {
            assertTrue(recovered.next() != null, "usable again once released");
        }
    }

    @Test
    void aCameraAlreadyOpenInThisProgramIsBusy() throws Exception {
        try (FrameSource first = FrameSources.open("0")) {
            String message = assertThrows(CaptureException.class, () -> FrameSources.open("0")).getMessage();
            assertTrue(message.contains("already in use in this program"), message);
            assertTrue(first.next() != null);
        }
    }

    @Test
    void aCameraUnpluggedMidRunFailsWithAClearMessage() throws Exception {
        try (FrameSource camera = FrameSources.open("0")) {
            assertTrue(camera.next() != null);
            folderCamera().simulate(Fault.UNPLUGGED);
            CaptureException e = assertThrows(CaptureException.class, camera::next);
            assertTrue(e.getMessage().startsWith("Camera 0 \"virtual 0") && e.getMessage().contains("stopped working")
                    && e.getMessage().contains("unplugged") && e.getMessage().contains("Other sources:"), e.getMessage());
            assertSame(e, assertThrows(CaptureException.class, camera::next), "a failed camera stays failed");
        }
    }

    @Test
    void aFrozenCameraTimesOutInsteadOfHanging() {
        CaptureOptions options = CaptureOptions.defaults().withFrameTimeout(Duration.ofMillis(300));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            FrameSource camera = FrameSources.open("0", options);
            assertTrue(camera.next() != null);
            folderCamera().simulate(Fault.FROZEN);
            CaptureException e = assertThrows(CaptureException.class, camera::next);
            assertTrue(e.getMessage().contains("has sent no picture for 0.3 s"), e.getMessage());
            camera.close();
            assertTrue(!folderCamera().isOpen(), "closing gets through to the frozen device");
        });
    }

    @Test
    void aVirtualSourcePlaysThroughTheWebcamApiAndCamerasComeBackAfterwards() throws Exception {
        try (FrameSource virtual = FrameSources.open("virtual:" + single)) {
            assertTrue(virtual.isLive());
            assertTrue(virtual.describe().contains("virtual 0 (" + single + ")"), virtual.describe());
            TestData.assertSamePixels(TestData.read(single), virtual.next().image(), "virtual frame");
            assertNull(virtual.next(), "one image, one frame");
        }
        assertEquals(2, FrameSources.cameras().size(), "the installed cameras are back");
        assertSame(driver, Webcam.getDriver());
        String bad = assertThrows(CaptureException.class, () -> FrameSources.open("virtual:0")).getMessage();
        assertTrue(bad.contains("plays an image, a folder or a video"), bad);
    }

    @Test
    void aCameraIsCappedAtTheWantedRate() throws Exception {
        try (FrameSource camera = FrameSources.open("1", CaptureOptions.defaults().withFps(20))) {
            assertEquals(20.0, camera.fps());
            BufferedImage photo = TestData.read(single);
            assertEquals(new Dimension(photo.getWidth(), photo.getHeight()), camera.size(),
                    "no size wanted: a virtual camera's own, whatever size an earlier user chose");
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertTrue(camera.next() != null);
            }
            long elapsed = System.nanoTime() - start;
            // frame 4 may not come before 4 x 50 ms: a lower bound only, so a slow machine cannot fail it
            assertTrue(elapsed >= 190_000_000L, "5 frames at 20 fps came in " + elapsed / 1e6 + " ms");
        }
    }

    @Test
    void missingCameraSupportAndAnEmptyCameraListAreExplained() throws Exception {
        try {
            // what sarxos's native driver does when libv4l-0 is not installed
            Cameras.install(new WebcamDriver() {
                @Override
                public List<WebcamDevice> getDevices() {
                    throw new WebcamException("native grabber failed",
                            new UnsatisfiedLinkError("libv4l2.so.0: cannot open shared object file"));
                }

                @Override
                public boolean isThreadSafe() {
                    return true;
                }
            });
            for (Executable call : List.<Executable>of(FrameSources::cameras, () -> FrameSources.open("0"))) {
                String message = assertThrows(CaptureException.class, call).getMessage();
                assertTrue(message.startsWith("Camera support could not start (libv4l2.so.0: cannot open shared object file)")
                        && message.contains("apt-get install libv4l-0") && message.contains("Other sources:"), message);
            }
            // what it does when libv4l-0 is installed but no camera is attached
            Cameras.install(new VirtualWebcamDriver(List.of()));
            assertEquals(List.of(), FrameSources.cameras());
            String none = assertThrows(CaptureException.class, () -> FrameSources.open("camera")).getMessage();
            assertTrue(none.startsWith("No camera found.") && none.contains("a video file"), none);
        } finally {
            Cameras.install(driver);
        }
    }

    @Test
    void driverPicturesInRgbBytesAreConvertedIntoRecycledFrames() throws Exception {
        // sarxos's native devices hand out TYPE_CUSTOM images with R, G, B bytes per pixel
        BufferedImage photo = TestData.read(single);
        int w = photo.getWidth();
        int h = photo.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] pixels = TestData.rgb(photo);
        for (int i = 0; i < pixels.length; i++) {
            rgb[3 * i] = (byte) (pixels[i] >>> 16);
            rgb[3 * i + 1] = (byte) (pixels[i] >>> 8);
            rgb[3 * i + 2] = (byte) pixels[i];
        }
        WebcamDevice rgbCamera = new WebcamDevice() {
            private boolean open;

            @Override
            public String getName() {
                return "rgb camera";
            }

            @Override
            public Dimension[] getResolutions() {
                return new Dimension[] {new Dimension(w, h)};
            }

            @Override
            public Dimension getResolution() {
                return new Dimension(w, h);
            }

            @Override
            public void setResolution(Dimension size) {
            }

            @Override
            public synchronized BufferedImage getImage() {
                java.awt.image.ComponentSampleModel model = new java.awt.image.ComponentSampleModel(
                        java.awt.image.DataBuffer.TYPE_BYTE, w, h, 3, w * 3, new int[] {0, 1, 2});
                java.awt.image.WritableRaster raster = java.awt.image.Raster.createWritableRaster(model,
                        new java.awt.image.DataBufferByte(rgb.clone(), rgb.length), null);
                return new BufferedImage(new java.awt.image.ComponentColorModel(
                        java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), new int[] {8, 8, 8},
                        false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE), raster, false, null);
            }

            @Override
            public synchronized void open() {
                open = true;
            }

            @Override
            public synchronized void close() {
                open = false;
            }

            @Override
            public void dispose() {
                close();
            }

            @Override
            public synchronized boolean isOpen() {
                return open;
            }
        };
        try {
            Cameras.install(new WebcamDriver() {
                @Override
                public List<WebcamDevice> getDevices() {
                    return List.of(rgbCamera);
                }

                @Override
                public boolean isThreadSafe() {
                    return true;
                }
            });
            try (FrameSource camera = FrameSources.open("rgb")) {
                Frame first = camera.next();
                assertEquals(BufferedImage.TYPE_3BYTE_BGR, first.image().getType());
                TestData.assertSamePixels(photo, first.image(), "converted picture");
                camera.recycle(first.image());
                Frame second = camera.next();
                assertSame(first.image(), second.image(), "converted into the recycled image");
                TestData.assertSamePixels(photo, second.image(), "second converted picture");
            }
        } finally {
            Cameras.install(driver);
        }
    }

    @Test
    void theDeviceSurvivesCloseAndDisposeRacingItsReader() throws Exception {
        // sarxos's shutdown hook disposes a device from its own thread while the updater or the
        // capture thread may be inside getImage: the device must never fail or deadlock there
        Path small = dir.resolve("small.png");
        javax.imageio.ImageIO.write(BgrImages.scaled(TestData.read(single), 64, 48), "png", small.toFile());
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        VirtualWebcamDevice device = new VirtualWebcamDevice("race", () -> new StrictSource(
                FrameSources.open(small.toString(), CaptureOptions.defaults().looping(true)), failure));
        device.open();
        java.util.concurrent.atomic.AtomicInteger pictures = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2000; i++) {
                try {
                    if (device.getImage() != null) {
                        pictures.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        Thread closer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200; i++) {
                try {
                    if (i % 2 == 0) {
                        device.close();
                    } else {
                        device.dispose();
                    }
                    device.open();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
        reader.join(60_000);
        closer.join(60_000);
        assertFalse(reader.isAlive() || closer.isAlive(), "deadlock between reading and closing");
        assertNull(failure.get(), () -> "reading while closing failed: " + failure.get());
        assertTrue(pictures.get() > 0, "pictures were read");
        device.dispose();
        assertNull(device.getImage());
    }

    /** Records a violation when its source is closed during, or read after, its close. */
    private static final class StrictSource implements FrameSource {
        private final FrameSource inner;
        private final java.util.concurrent.atomic.AtomicReference<Throwable> failure;
        private volatile boolean reading;
        private volatile boolean closed;

        StrictSource(FrameSource inner, java.util.concurrent.atomic.AtomicReference<Throwable> failure) {
            this.inner = inner;
            this.failure = failure;
        }

        @Override
        public Frame next() throws CaptureException {
            if (closed) {
                failure.compareAndSet(null, new IllegalStateException("next() after close()"));
            }
            reading = true;
            try {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000); // widen the window a race needs
                return inner.next();
            } finally {
                reading = false;
            }
        }

        @Override
        public void close() {
            if (reading) {
                failure.compareAndSet(null, new IllegalStateException("close() while next() runs"));
            }
            closed = true;
            inner.close();
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public double fps() {
            return inner.fps();
        }

        @Override
        public Dimension size() {
            return inner.size();
        }

        @Override
        public boolean isLive() {
            return false;
        }
    }
}
