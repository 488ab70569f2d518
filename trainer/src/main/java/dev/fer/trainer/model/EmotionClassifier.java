package dev.fer.trainer.model;

import dev.fer.engine.layer.ConvAlgorithm;
import dev.fer.engine.model.Sequential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Classifies 48x48 gray faces into the seven {@link Emotion}s with a trained model.
 * <p>Feed it faces prepared by {@link #toInput}; it is not thread-safe (one instance per thread; it
 * parallelizes a batch internally over {@link #threads} threads). After the first call with a given
 * batch size, {@link #classify} allocates nothing.
 */
public final class EmotionClassifier implements AutoCloseable {
    public static final int FACE_SIZE = 48;
    /** The model bundled in the trainer jar (and through it in the app jar). */
    public static final String DEFAULT_MODEL_RESOURCE = "/dev/fer/trainer/model/default.fer";
    /** The bundled fer-lite model: 1.3 MB, ~0.4 ms per face, 6 points less accurate than the default. */
    public static final String FAST_MODEL_RESOURCE = "/dev/fer/trainer/model/fast.fer";
    /** Names that {@link #open} resolves to bundled models instead of files. */
    public static final String DEFAULT_NAME = "default";
    public static final String FAST_NAME = "fast";

    /** Gray level -> model input: centred on mid-gray, about unit spread on FER2013's faces. */
    private static final float SCALE = 1f / 64f;
    private static final float OFFSET = -2f;

    private final Sequential model;
    /**
     * Test-time augmentation: each face and its mirror image classified, their probabilities
     * averaged. Volatile: a window's switch may flip it while another thread classifies.
     */
    private volatile boolean mirrorAveraging;
    /** With {@link #mirrorAveraging}: the faces followed by their mirrors, and both halves' outputs. */
    private float[] pairedFaces = new float[0];
    private float[] pairedProbabilities = new float[0];

    private EmotionClassifier(Sequential model) {
        if (model.inputShape().size() != FACE_SIZE * FACE_SIZE || model.outputShape().size() != Emotion.COUNT) {
            throw new IllegalArgumentException("not an emotion model: input " + model.inputShape() + ", output "
                    + model.outputShape() + " (expected 1x48x48 -> 7)");
        }
        this.model = model;
    }

    /** The model bundled as a resource in this jar. */
    public static EmotionClassifier loadDefault() {
        return loadBundled(DEFAULT_MODEL_RESOURCE);
    }

    /**
     * What a {@code --model} option names: null or {@value #DEFAULT_NAME} the bundled default model,
     * {@value #FAST_NAME} the bundled fast one, anything else a model file.
     */
    public static EmotionClassifier open(String model) throws IOException {
        if (model == null || model.equals(DEFAULT_NAME)) {
            return loadDefault();
        }
        if (model.equals(FAST_NAME)) {
            return loadBundled(FAST_MODEL_RESOURCE);
        }
        return load(Path.of(model));
    }

    private static EmotionClassifier loadBundled(String resource) {
        try (InputStream in = EmotionClassifier.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled model " + resource
                        + " is missing from the class path (was fer-trainer built without its resources?)");
            }
            // the engine reads model files from paths; a temporary copy costs a few milliseconds once
            Path tmp = Files.createTempFile("fer-bundled", ".fer");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bundled model " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Loads a model file written by {@code fer-trainer train}; bad files fail naming the file. */
    public static EmotionClassifier load(Path modelFile) throws IOException {
        return new EmotionClassifier(Sequential.load(modelFile));
    }

    /** Wraps a model in memory (the trainer validates with it while it trains the same model). */
    public static EmotionClassifier of(Sequential model) {
        return new EmotionClassifier(model);
    }

    /** The model input of one gray level 0..255. */
    public static float normalize(float gray) {
        return gray * SCALE + OFFSET;
    }

    /** The single source of truth for input normalization: 48x48 gray bytes -> model input floats. */
    public static void toInput(byte[] gray48, float[] dst, int dstOffset) {
        if (gray48.length != FACE_SIZE * FACE_SIZE) {
            throw new IllegalArgumentException("a face is " + FACE_SIZE + "x" + FACE_SIZE + " = "
                    + (FACE_SIZE * FACE_SIZE) + " bytes, got " + gray48.length);
        }
        toInput(gray48, 0, dst, dstOffset);
    }

    /** {@link #toInput(byte[], float[], int)} for face number {@code faceIndex} of packed 48x48 faces. */
    public static void toInput(byte[] faces, int faceIndex, float[] dst, int dstOffset) {
        int src = faceIndex * FACE_SIZE * FACE_SIZE;
        for (int i = 0; i < FACE_SIZE * FACE_SIZE; i++) {
            dst[dstOffset + i] = normalize(faces[src + i] & 0xFF);
        }
    }

    /**
     * @param faces         {@code count * 48*48} normalized floats (see {@link #toInput})
     * @param probabilities receives {@code count * 7} probabilities, in {@link Emotion} order
     */
    public void classify(float[] faces, int count, float[] probabilities) {
        if (count == 0) {
            return;
        }
        if (faces.length < count * FACE_SIZE * FACE_SIZE || probabilities.length < count * Emotion.COUNT) {
            throw new IllegalArgumentException(count + " faces need " + (count * FACE_SIZE * FACE_SIZE)
                    + " input floats and " + (count * Emotion.COUNT) + " outputs, got " + faces.length + " and "
                    + probabilities.length);
        }
        if (!mirrorAveraging) {
            model.predict(faces, count, probabilities);
            return;
        }
        // one batch of 2 x count: at batch 1 the face and its mirror run side by side on two threads
        int pixels = FACE_SIZE * FACE_SIZE;
        if (pairedFaces.length < 2 * count * pixels) {
            pairedFaces = new float[2 * count * pixels];
            pairedProbabilities = new float[2 * count * Emotion.COUNT];
        }
        System.arraycopy(faces, 0, pairedFaces, 0, count * pixels);
        for (int i = 0; i < count; i++) {
            mirror(faces, i * pixels, pairedFaces, (count + i) * pixels);
        }
        model.predict(pairedFaces, 2 * count, pairedProbabilities);
        int mirrored = count * Emotion.COUNT;
        for (int i = 0; i < count * Emotion.COUNT; i++) {
            probabilities[i] = 0.5f * (pairedProbabilities[i] + pairedProbabilities[mirrored + i]);
        }
    }

    /** Writes the left-right mirror image of the face at {@code srcOffset} to {@code dst} at {@code dstOffset}. */
    static void mirror(float[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int y = 0; y < FACE_SIZE; y++) {
            int from = srcOffset + y * FACE_SIZE;
            int to = dstOffset + y * FACE_SIZE + FACE_SIZE - 1;
            for (int x = 0; x < FACE_SIZE; x++) {
                dst[to - x] = src[from + x];
            }
        }
    }

    /**
     * Test-time augmentation: with {@code on}, {@link #classify} averages each face's probabilities
     * with its mirror image's (on FER2013 validation +1.4 points for the default model, at twice
     * the work per face).
     */
    public EmotionClassifier mirrorAveraging(boolean on) {
        mirrorAveraging = on;
        return this;
    }

    public boolean mirrorAveraging() {
        return mirrorAveraging;
    }

    /** Threads used for each {@link #classify} call (default 1). */
    public EmotionClassifier threads(int n) {
        model.threads(n);
        return this;
    }

    /** The inference algorithm of the model's convolutions (default: the engine's rule). */
    public EmotionClassifier convAlgorithm(ConvAlgorithm algorithm) {
        model.convAlgorithm(algorithm);
        return this;
    }

    /** One line per layer, for logs. */
    public String summary() {
        return model.summary();
    }

    /** Stops the model's worker threads (a classifier used for a while and dropped, as a teacher is). */
    @Override
    public void close() {
        model.close();
    }
}
