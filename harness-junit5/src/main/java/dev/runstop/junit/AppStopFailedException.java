package dev.runstop.junit;

import dev.runstop.GroupFailedException;
import dev.runstop.StopReport;

/**
 * Fails a test class (or, with one app per test method, a test) because its app did not stop cleanly:
 * an actor failed or outlived its stop deadline, a {@code stop} threw, a session was cut off or a thread
 * leaked. It carries the whole {@link GroupFailedException} of the {@link StopReport}: the message is
 * the report table (each straggler with its deadline overrun and stuck frame) followed by one line saying
 * how to run the test class again; the cause is the primary failure; every other problem is a suppressed
 * {@link dev.runstop.ActorException} whose stack trace is the stuck thread's. Each stack is printed once:
 * as the stack trace of the cause or suppressed exception, not in the message too.
 */
public final class AppStopFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StopReport report;

    AppStopFailedException(GroupFailedException failure, String reproduce) {
        this(failure, reproduce, "");
    }

    /** @param where what ran the app, ending in {@code ": "}, such as {@code "class invocation [2] port=2: "} */
    AppStopFailedException(GroupFailedException failure, String reproduce, String where) {
        super(where + withoutStacks(failure.getMessage()) + System.lineSeparator() + reproduce, failure.getCause());
        this.report = failure.report();
        setStackTrace(new StackTraceElement[0]); // where the report was read: nothing a reader needs
        for (Throwable problem : failure.getSuppressed()) {
            addSuppressed(problem);
        }
    }

    /**
     * The report's text without the stragglers' stack lines: each straggler is the cause or a suppressed
     * exception whose stack trace is that stack, so the console prints every stack once.
     */
    private static String withoutStacks(String message) {
        StringBuilder text = new StringBuilder();
        for (String line : message.split("\\R", -1)) {
            if (!line.startsWith("    at ")) {
                text.append(text.length() == 0 ? "" : System.lineSeparator()).append(line);
            }
        }
        return text.toString();
    }

    /** @return the report of the stop that was not clean */
    public StopReport report() {
        return report;
    }
}
