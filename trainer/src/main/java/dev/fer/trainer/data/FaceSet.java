package dev.fer.trainer.data;

import dev.fer.trainer.model.Emotion;
import dev.fer.trainer.model.EmotionClassifier;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of labelled 48x48 gray faces stored compactly: one byte per pixel, one byte per label.
 * FER2013 (35,887 faces) takes 83 MB this way instead of 330 MB as floats.
 *
 * @param pixels {@code size * 48 * 48} bytes, face after face, row-major
 * @param labels the {@link Emotion} ordinal of each face
 */
public record FaceSet(byte[] pixels, byte[] labels) {
    public static final int FACE_PIXELS = EmotionClassifier.FACE_SIZE * EmotionClassifier.FACE_SIZE;

    public FaceSet {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if (pixels.length != labels.length * FACE_PIXELS) {
            throw new IllegalArgumentException(labels.length + " faces need " + (labels.length * FACE_PIXELS)
                    + " pixel bytes, got " + pixels.length);
        }
        for (byte label : labels) {
            if (label < 0 || label >= Emotion.COUNT) {
                throw new IllegalArgumentException("label out of range: " + label);
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public Emotion label(int index) {
        return Emotion.of(labels[index]);
    }

    /** How many faces each class has, in {@link Emotion} order. */
    public int[] classCounts() {
        int[] counts = new int[Emotion.COUNT];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The first {@code n} faces of every class (in stored order): a small, balanced, reproducible subset. */
    public FaceSet firstPerClass(int n) {
        int[] taken = new int[Emotion.COUNT];
        int[] keep = new int[size()];
        int kept = 0;
        for (int i = 0; i < size(); i++) {
            if (taken[labels[i]]++ < n) {
                keep[kept++] = i;
            }
        }
        return subset(Arrays.copyOf(keep, kept));
    }

    public FaceSet subset(int[] indices) {
        byte[] p = new byte[indices.length * FACE_PIXELS];
        byte[] l = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * FACE_PIXELS, p, i * FACE_PIXELS, FACE_PIXELS);
            l[i] = labels[indices[i]];
        }
        return new FaceSet(p, l);
    }
}
