package dev.runstop;

/**
 * Thrown by {@link RunningGroup#awaitReady} when a group did not become ready: an actor ended before it
 * was ready (its error is the cause), the group was stopped, or the start deadline passed (each actor
 * not ready is a suppressed {@link ActorException} whose stack trace is its thread's). The group is left
 * running; the caller stops it.
 */
public class StartFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the first line says which group did not start and why
     * @param cause the failed actor's error, or null
     */
    protected StartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
