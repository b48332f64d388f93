package dev.runstop;

import java.util.Optional;

/**
 * A child process of this JVM still alive after its group stopped: part of an {@link ActorReport}
 * (attributed to that actor, and then the stop is not clean) or of a {@link StopReport}'s
 * {@linkplain StopReport#unattributedProcesses() unattributed processes}. Immutable.
 */
public final class LeakedProcess {
    private final long pid;
    private final String command;
    private final String actor;
    private final String startedBy;

    LeakedProcess(long pid, String command, String actor, String startedBy) {
        this.pid = pid;
        this.command = command;
        this.actor = actor;
        this.startedBy = startedBy;
    }

    /** @return its process id */
    public long pid() {
        return pid;
    }

    /** @return its command line as the OS reports it */
    public String command() {
        return command;
    }

    /** @return the actor that started it; empty when that cannot be told for sure */
    public Optional<String> actor() {
        return Optional.ofNullable(actor);
    }

    /**
     * @return how it was attributed, for people: {@code "started by Actors.process"}, {@code "started on
     *     thread 'shop/db'"}, or why it is unattributed
     */
    public String startedBy() {
        return startedBy;
    }

    /** @return for example {@code pid 4242 `sleep 1000` (actor 'db', started on thread 'shop/db')} */
    @Override
    public String toString() {
        return "pid " + pid + " `" + command + "` (" + (actor != null ? "actor '" + actor + "', " : "unattributed: ") + startedBy + ")";
    }
}
