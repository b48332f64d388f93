package dev.runstop;

/**
 * Thrown by {@link Group#run()} (and returned by {@link StopReport#failure()}) when a group did not stop
 * cleanly. The cause is the primary failure (the error of the actor that ended the group, or else the
 * first problem); every other problem is a suppressed {@link ActorException}. The message is the whole
 * {@link StopReport}.
 */
public final class GroupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StopReport report;

    GroupFailedException(String message, Throwable cause, StopReport report) {
        super(message, cause);
        this.report = report;
    }

    /** @return the report of the stop that failed */
    public StopReport report() {
        return report;
    }
}
