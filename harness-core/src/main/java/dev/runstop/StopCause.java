package dev.runstop;

/**
 * Why a group stopped: the cause handed to every actor's {@link Actor#stop}. One of four kinds; for
 * {@link Kind#ACTOR_FAILED} the actor's error is the {@linkplain #getCause() cause}. Carries no stack
 * trace of its own: where it was made says nothing.
 */
public final class StopCause extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The four ways a group comes to stop. */
    public enum Kind {
        /** An actor's {@code run} returned normally. */
        ACTOR_RETURNED,
        /** An actor's {@code run} threw. */
        ACTOR_FAILED,
        /** The owner of the group asked it to stop ({@link RunningGroup#stop}). */
        STOP_REQUESTED,
        /** A signal actor received an OS signal, real or simulated. */
        SIGNAL
    }

    private final Kind kind;
    private final String actor;
    private final String signal;

    private StopCause(Kind kind, String actor, String signal, String message, Throwable error) {
        super(message, error, false, false);
        this.kind = kind;
        this.actor = actor;
        this.signal = signal;
    }

    static StopCause returned(String actor) {
        return new StopCause(Kind.ACTOR_RETURNED, actor, null, "actor '" + actor + "' returned", null);
    }

    /** @param phase {@code starting} if the actor was not ready yet, else {@code running} */
    static StopCause failed(String actor, Throwable error, String phase) {
        return new StopCause(Kind.ACTOR_FAILED, actor, null, "actor '" + actor + "' failed: "
                + StopReport.detail(error, phase), error);
    }

    static StopCause requested(String reason) {
        return new StopCause(Kind.STOP_REQUESTED, null, null, "stop requested: " + reason, null);
    }

    static StopCause signal(String actor, String signal) {
        return new StopCause(Kind.SIGNAL, actor, signal, "signal SIG" + signal + " received by actor '" + actor + "'", null);
    }

    /** @return which of the four ways the group came to stop */
    public Kind kind() {
        return kind;
    }

    /** @return the actor that ended the group, or null for {@link Kind#STOP_REQUESTED} */
    public String actor() {
        return actor;
    }

    /** @return the signal's name without {@code SIG} (such as {@code TERM}), or null unless {@link Kind#SIGNAL} */
    public String signal() {
        return signal;
    }

    /** @return true for {@link Kind#ACTOR_FAILED}: the only kind that is itself a failure */
    public boolean isFailure() {
        return kind == Kind.ACTOR_FAILED;
    }
}
