package dev.fer.detector.blazeface.tflite;

/** A TFLite file that this reader cannot use: corrupt, truncated, or using something unsupported. */
public class TfliteFormatException extends RuntimeException {
    public TfliteFormatException(String message) {
        super(message);
    }

    public TfliteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
