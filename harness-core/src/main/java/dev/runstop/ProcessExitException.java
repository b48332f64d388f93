package dev.runstop;

import java.util.List;
import java.util.Optional;

/**
 * A {@link ProcessActor}'s process ended by itself with a non-zero exit code, or before it was ready.
 * Thrown by the actor's {@code run}; the message names the actor, when it happened, how to reproduce it
 * and ends with the tail of the process's output.
 */
public final class ProcessExitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String actor;
    private final long pid;
    private final int exitCode;
    private final List<String> command;
    private final List<String> tail;

    ProcessExitException(String message, String actor, long pid, int exitCode, List<String> command, List<String> tail) {
        super(message);
        this.actor = actor;
        this.pid = pid;
        this.exitCode = exitCode;
        this.command = List.copyOf(command);
        this.tail = List.copyOf(tail);
    }

    /** @return the name of the actor whose process it was */
    public String actor() {
        return actor;
    }

    /** @return the process id */
    public long pid() {
        return pid;
    }

    /** @return the exit code; {@code 128 + n} when the process died of signal {@code n} */
    public int exitCode() {
        return exitCode;
    }

    /** @return the signal it died of, read from an exit code above 128, such as {@code "SIGSEGV"} */
    public Optional<String> signal() {
        return ProcessOutcome.signalOf(exitCode);
    }

    /** @return the command it was started with */
    public List<String> command() {
        return command;
    }

    /** @return the last lines it wrote, oldest first ({@code out| } and {@code err| } mark the stream) */
    public List<String> tail() {
        return tail;
    }
}
