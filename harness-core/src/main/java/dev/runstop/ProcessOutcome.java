package dev.runstop;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the process of a {@link ProcessActor} ended: its pid, its exit code or the signal it died of, and
 * the escalation the actor took to stop it. Shown in the actor's row of the {@link StopReport}
 * ({@link ActorReport#process()}). Immutable.
 */
public final class ProcessOutcome {
    /** What the actor did to stop its process. */
    public enum Escalation {
        /** Nothing: the process ended by itself. */
        NONE,
        /** SIGTERM to the process tree; it ended within the grace period. */
        SIGTERM,
        /** SIGTERM, then SIGKILL once the grace period ran out. */
        SIGKILL
    }

    private static final Map<Integer, String> SIGNALS = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private final long pid;
    private final String command;
    private final Integer exitCode;
    private final Escalation escalation;
    private final Duration killedAfter;
    private final Duration stopTook;

    ProcessOutcome(long pid, String command, Integer exitCode, Escalation escalation, Duration killedAfter, Duration stopTook) {
        this.pid = pid;
        this.command = command;
        this.exitCode = exitCode;
        this.escalation = escalation;
        this.killedAfter = killedAfter;
        this.stopTook = stopTook;
    }

    /** @return the process id */
    public long pid() {
        return pid;
    }

    /** @return the command line it was started with */
    public String command() {
        return command;
    }

    /** @return its exit code, {@code 128 + n} when it died of signal {@code n}; empty if it did not end */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /**
     * @return the signal it died of, such as {@code "SIGKILL"}: read from an exit code above 128 (the
     *     shell's convention; a program that calls {@code exit(137)} looks the same)
     */
    public Optional<String> signal() {
        return exitCode == null ? Optional.empty() : signalOf(exitCode);
    }

    /** @return what the actor did to stop it */
    public Escalation escalation() {
        return escalation;
    }

    /** @return for {@link Escalation#SIGKILL}, the time from SIGTERM to SIGKILL */
    public Optional<Duration> killedAfter() {
        return Optional.ofNullable(killedAfter);
    }

    /** @return when the actor stopped it, the time from SIGTERM until the whole tree was gone */
    public Optional<Duration> stopTook() {
        return Optional.ofNullable(stopTook);
    }

    static Optional<String> signalOf(int exitCode) {
        if (exitCode <= 128 || exitCode > 128 + 64) {
            return Optional.empty();
        }
        int n = exitCode - 128;
        return Optional.of(SIGNALS.getOrDefault(n, "signal " + n));
    }

    /** @return the exit described: {@code exit code 1}, or {@code exit code 137 (SIGKILL)} */
    static String describeExit(int exitCode) {
        return "exit code " + exitCode + signalOf(exitCode).map(s -> " (" + s + ")").orElse("");
    }

    /**
     * @return for example {@code pid 4242, SIGTERM, then SIGKILL after 2.5s; exit code 137 (SIGKILL)} or
     *     {@code pid 4242, exit code 0}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("pid ").append(pid);
        if (escalation == Escalation.SIGTERM) {
            out.append(", SIGTERM");
        } else if (escalation == Escalation.SIGKILL) {
            out.append(", SIGTERM, then SIGKILL after ").append(Durations.format(killedAfter));
        }
        out.append(escalation == Escalation.NONE ? ", " : "; ");
        out.append(exitCode == null ? "still alive" : describeExit(exitCode));
        if (stopTook != null) {
            out.append(", gone ").append(Durations.format(stopTook)).append(" after SIGTERM");
        }
        return out.toString();
    }
}
