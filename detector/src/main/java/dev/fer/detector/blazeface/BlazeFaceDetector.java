package dev.fer.detector.blazeface;

import dev.fer.detector.FaceBox;
import dev.fer.detector.FaceDetector;
import dev.fer.detector.blazeface.net.Network;
import dev.fer.detector.blazeface.tflite.TfliteModel;
import dev.fer.engine.layer.Context;
import dev.fer.engine.parallel.Workers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MediaPipe's BlazeFace face detector on our own network runner: letterbox to the model input,
 * run the CNN, decode anchors, weighted NMS, map boxes and the six keypoints (right eye, left eye,
 * nose tip, mouth, right ear, left ear: the subject's right, i.e. the left one in the image) back
 * to image pixels. Thread-safe; each thread gets its own network and buffers, after which detection
 * allocates only the returned list.
 */
public final class BlazeFaceDetector implements FaceDetector {
    /** Where the build puts the models taken from the npm package {@code @mediapipe/face_detection}. */
    public static final String RESOURCE_DIR = "/dev/fer/detector/blazeface/";

    private final BlazeFaceVariant variant;
    private final float minScore;
    private final ThreadLocal<State> state;

    /** Runs the network on the calling thread. */
    public BlazeFaceDetector(TfliteModel model, float minScore) {
        this(model, minScore, 1);
    }

    /**
     * @param minScore lowest score kept (MediaPipe: 0.5 short range, 0.6 full range)
     * @param threads  threads the engine layers split each frame over (1 = the calling thread only)
     */
    public BlazeFaceDetector(TfliteModel model, float minScore, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Network network = Network.compile(model, Context.inference(Workers.single()));
        int[] in = network.inputShape();
        if (in[1] != in[2] || in[3] != 3) {
            throw new IllegalArgumentException(model.source() + ": input " + Arrays.toString(in)
                    + " is not a square RGB image as BlazeFace takes");
        }
        this.variant = BlazeFaceVariant.forInputSize(in[1], model.source());
        this.minScore = minScore;
        DetectionDecoder probe = new DetectionDecoder(variant);
        checkOutputs(network, model.source(), probe.boxCount());
        // engine layers own their buffers, so every thread runs its own copy of the network
        this.state = ThreadLocal.withInitial(() -> new State(variant,
                Network.compile(model, Context.inference(threads == 1 ? Workers.single() : Workers.of(threads)))));
    }

    /** The packaged model of this variant at MediaPipe's score threshold. */
    public static BlazeFaceDetector load(BlazeFaceVariant variant) {
        return load(variant, 1);
    }

    /** The packaged model of this variant at MediaPipe's score threshold, frames split over threads. */
    public static BlazeFaceDetector load(BlazeFaceVariant variant, int threads) {
        return new BlazeFaceDetector(readResource(variant), variant.minScore(), threads);
    }

    /** A BlazeFace {@code .tflite} file (short or full range, told apart by its input size). */
    public static BlazeFaceDetector load(Path file) throws IOException {
        return load(file, 1);
    }

    public static BlazeFaceDetector load(Path file, int threads) throws IOException {
        TfliteModel model = TfliteModel.read(file);
        return new BlazeFaceDetector(model, BlazeFaceVariant.forInputSize(model.tensor(model.inputs()[0]).shape()[1],
                file.toString()).minScore(), threads);
    }

    /** Whether the build packed this variant's model (it needs npm; see detector/README-blazeface.md). */
    public static boolean isPackaged(BlazeFaceVariant variant) {
        return BlazeFaceDetector.class.getResource(RESOURCE_DIR + variant.fileName()) != null;
    }

    static TfliteModel readResource(BlazeFaceVariant variant) {
        String path = RESOURCE_DIR + variant.fileName();
        try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The BlazeFace model " + variant.fileName()
                        + " is not packaged in this build (the build takes it from the npm package"
                        + " @mediapipe/face_detection and needs the npm client for that). Get the package with"
                        + " 'npm pack @mediapipe/face_detection', extract " + variant.fileName()
                        + " and pass it with --blazeface-model FILE.");
            }
            return TfliteModel.parse(ByteBuffer.wrap(in.readAllBytes()), "classpath:" + path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private void checkOutputs(Network network, String source, int anchors) {
        if (network.outputCount() != 2) {
            throw new IllegalArgumentException(source + ": " + network.outputCount()
                    + " outputs; BlazeFace has two (regressors, classificators)");
        }
        int[] reg = network.outputShape(0);
        int[] cls = network.outputShape(1);
        if (reg.length != 3 || reg[1] != anchors || reg[2] != BlazeFaceVariant.COORDS || cls.length != 3
                || cls[1] != anchors || cls[2] != 1) {
            throw new IllegalArgumentException(source + ": outputs " + Arrays.toString(reg) + " and "
                    + Arrays.toString(cls) + " do not match " + anchors + " anchors of " + variant);
        }
    }

    @Override
    public String name() {
        return "blazeface";
    }

    public BlazeFaceVariant variant() {
        return variant;
    }

    @Override
    public List<FaceBox> detect(BufferedImage image) {
        if (image.getWidth() < 1 || image.getHeight() < 1) {
            return List.of();
        }
        State s = state.get();
        s.letterbox.fill(image, s.network.input());
        s.network.run();
        int n = s.decoder.decode(s.network.output(0), s.network.output(1), minScore, s.candidates, s.scores);
        int kept = s.nms.apply(s.candidates, s.scores, n, BlazeFaceVariant.NMS_IOU, s.merged, s.mergedScores);
        if (kept == 0) {
            return List.of();
        }
        List<FaceBox> faces = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            faces.add(toImage(s, i, image.getWidth(), image.getHeight()));
        }
        return faces;
    }

    private static FaceBox toImage(State s, int i, int width, int height) {
        float[] d = s.merged;
        int o = i * BlazeFaceVariant.COORDS;
        Letterbox lb = s.letterbox;
        int x0 = Math.clamp(Math.round(lb.imageX(d[o])), 0, width);
        int y0 = Math.clamp(Math.round(lb.imageY(d[o + 1])), 0, height);
        int x1 = Math.clamp(Math.round(lb.imageX(d[o + 2])), 0, width);
        int y1 = Math.clamp(Math.round(lb.imageY(d[o + 3])), 0, height);
        float[] keypoints = new float[2 * BlazeFaceVariant.KEYPOINTS];
        for (int k = 0; k < BlazeFaceVariant.KEYPOINTS; k++) {
            keypoints[2 * k] = lb.imageX(d[o + 4 + 2 * k]);
            keypoints[2 * k + 1] = lb.imageY(d[o + 5 + 2 * k]);
        }
        return new FaceBox(x0, y0, x1 - x0, y1 - y0, s.mergedScores[i], keypoints);
    }

    /** One thread's buffers. */
    private static final class State {
        final Network network;
        final Letterbox letterbox;
        final DetectionDecoder decoder;
        final WeightedNms nms;
        final float[] candidates;
        final float[] scores;
        final float[] merged;
        final float[] mergedScores;

        State(BlazeFaceVariant variant, Network network) {
            this.network = network;
            letterbox = new Letterbox(variant.inputSize());
            decoder = new DetectionDecoder(variant);
            int boxes = decoder.boxCount();
            nms = new WeightedNms(boxes);
            candidates = new float[boxes * BlazeFaceVariant.COORDS];
            scores = new float[boxes];
            merged = new float[boxes * BlazeFaceVariant.COORDS];
            mergedScores = new float[boxes];
        }
    }
}
