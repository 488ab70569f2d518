package dev.fer.capture;

import java.io.IOException;

/**
 * A source could not be opened or failed while running. The message is written for the user of the
 * app: what went wrong, with which camera or file, and what to do instead (another camera, a file).
 * Show the message, not the stack trace.
 */
public class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
