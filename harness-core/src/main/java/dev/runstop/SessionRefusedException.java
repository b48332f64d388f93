package dev.runstop;

/**
 * Thrown by {@link ActorContext#openSession(String)} once the group is stopping: new work is refused so
 * that the work in flight can drain.
 */
public final class SessionRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    SessionRefusedException(String message) {
        super(message);
    }
}
