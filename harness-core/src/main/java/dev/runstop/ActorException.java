package dev.runstop;

/**
 * A problem of one actor found while its group stopped or started: a straggler, a {@code stop} that
 * threw, another actor's failure, a session cut off, a leaked thread, an actor not ready in time.
 * Attached to {@link GroupFailedException} and {@link StartFailedException} as suppressed exceptions;
 * where the problem is a thread that is stuck, this exception's stack trace is that thread's stack.
 */
public final class ActorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** {@code run} threw (when it is not the group's primary failure). */
        FAILED,
        /** {@code stop} threw. */
        STOP_THREW,
        /** The actor's {@code stop} did not return by its stop deadline; the stack trace is where it hangs. */
        STOP_HUNG,
        /** {@code run} did not return by the stop deadline; the stack trace is the actor thread's. */
        STRAGGLER,
        /** A session was still open at the stop deadline; the stack trace is where it was opened, if kept. */
        SESSION_CUT_OFF,
        /** A thread the actor started was still alive after the group stopped; the stack trace is that thread's. */
        THREAD_LEAKED,
        /** A child process the actor started was still alive after the group stopped; no stack trace. */
        PROCESS_LEAKED,
        /** The actor was not ready at the start deadline; the stack trace is the actor thread's. */
        NOT_READY,
        /**
         * Threads of actors stuck at the stop deadline wait on each other's locks in a cycle: the message names
         * every actor and call in it; the stack trace is the first thread's, each other thread is a suppressed
         * exception with its stack. The members are not reported as stragglers or hung stops besides.
         */
        DEADLOCK
    }

    private final String actor;
    private final Problem problem;

    ActorException(String actor, Problem problem, String message, Throwable cause, StackTraceElement[] stack) {
        super(message, cause, true, true);
        this.actor = actor;
        this.problem = problem;
        setStackTrace(stack == null ? new StackTraceElement[0] : stack);
    }

    /** @return the name of the actor the problem belongs to */
    public String actor() {
        return actor;
    }

    /** @return what went wrong */
    public Problem problem() {
        return problem;
    }
}
