package dev.runstop;

import java.time.Duration;

/**
 * What an actor's {@code stop()} "threw" when it did not return at all: it was still running at the
 * actor's stop deadline. Its stack trace is that of the thread calling {@code stop()}, where it hangs.
 */
final class StopHungException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient ThreadSnapshot caller;

    StopHungException(Duration deadline, ThreadSnapshot caller) {
        super("stop() did not return within the stop deadline of " + Durations.format(deadline)
                + (caller == null ? "" : "; stuck at " + caller.where() + ", " + caller.describeState()
                        + " (thread '" + caller.threadName() + "', calling it)"));
        this.caller = caller;
        setStackTrace(caller == null ? new StackTraceElement[0] : caller.stackArray());
    }

    /** @return where the thread calling stop() was at the deadline, or null if unknown */
    ThreadSnapshot caller() {
        return caller;
    }
}
