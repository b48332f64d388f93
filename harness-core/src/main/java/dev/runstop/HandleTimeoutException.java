package dev.runstop;

/** Thrown when a handle was waited for and not published in time, or the group stopped first. */
public final class HandleTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean groupStopped;

    HandleTimeoutException(String message, boolean groupStopped) {
        super(message);
        this.groupStopped = groupStopped;
    }

    /**
     * @return true if the wait ended because the group began to stop; an actor that lets this propagate
     *     from {@code run} during a stop is counted as returned, not failed
     */
    public boolean groupStopped() {
        return groupStopped;
    }
}
