package dev.fer.detector.haar;

/** A cascade file that cannot be used: the message names the file, the line and the element. */
public final class CascadeFormatException extends RuntimeException {
    public CascadeFormatException(String message) {
        super(message);
    }

    public CascadeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
