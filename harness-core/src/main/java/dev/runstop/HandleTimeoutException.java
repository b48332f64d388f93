package dev.runstop;

/** Thrown when a handle was waited for and not published in time, or the group stopped first. */
public final class HandleTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandleTimeoutException(String message) {
        super(message);
    }
}
