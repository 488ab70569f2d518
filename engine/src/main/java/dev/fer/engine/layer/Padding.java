package dev.fer.engine.layer;

/** Keras/TensorFlow padding: SAME keeps ceil(in / stride) outputs (zero border), VALID uses no border. */
public enum Padding {
    SAME, VALID;

    public static Padding parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "same" -> SAME;
            case "valid" -> VALID;
            default -> throw new IllegalArgumentException("padding must be 'same' or 'valid', got '" + text + "'");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
