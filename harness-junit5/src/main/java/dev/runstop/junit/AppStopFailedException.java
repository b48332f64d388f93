package dev.runstop.junit;

import dev.runstop.GroupFailedException;
import dev.runstop.StopReport;

/**
 * Fails a test class (or, with one app per test method, a test) because its app did not stop cleanly:
 * an actor failed or outlived its stop deadline, a {@code stop} threw, a session was cut off or a thread
 * leaked. It carries the whole {@link GroupFailedException} of the {@link StopReport}: the message is
 * the report table (each straggler with its deadline overrun, stuck frame and stack) followed by one line
 * saying how to run the test class again; the cause is the primary failure; every other problem is a
 * suppressed {@link dev.runstop.ActorException} whose stack trace is the stuck thread's.
 */
public final class AppStopFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StopReport report;

    AppStopFailedException(GroupFailedException failure, String reproduce) {
        super(failure.getMessage() + System.lineSeparator() + reproduce, failure.getCause());
        this.report = failure.report();
        setStackTrace(failure.getStackTrace());
        for (Throwable problem : failure.getSuppressed()) {
            addSuppressed(problem);
        }
    }

    /** @return the report of the stop that was not clean */
    public StopReport report() {
        return report;
    }
}
