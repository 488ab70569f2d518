package dev.fer.trainer.model;

/** Classifies 48x48 gray faces into the seven {@link Emotion}s. */
public final class EmotionClassifier {
    public static final int FACE_SIZE = 48;

    /** Gray level -> model input: centred on mid-gray, about unit spread on FER2013's faces. */
    private static final float SCALE = 1f / 64f;
    private static final float OFFSET = -2f;

    private EmotionClassifier() {}

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
        for (int i = 0; i < gray48.length; i++) {
            dst[dstOffset + i] = normalize(gray48[i] & 0xFF);
        }
    }
}
