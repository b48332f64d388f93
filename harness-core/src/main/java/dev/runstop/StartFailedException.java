package dev.runstop;

/**
 * Thrown by {@link RunningGroup#awaitReady} when a group did not become ready: an actor ended before it
 * was ready (its error is the cause), the group was stopped, or the start deadline passed (each actor
 * not ready is a suppressed {@link ActorException} whose stack trace is its thread's). The group is left
 * running; the caller stops it.
 */
public final class StartFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
