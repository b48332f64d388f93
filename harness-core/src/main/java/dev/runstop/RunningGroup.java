package dev.runstop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A started {@link Group}: what a test or a {@code main} with its own shutdown path holds. Every method
 * is safe from any thread. The group's {@link State} only moves forward. Closing it (try-with-resources)
 * stops it, waits for its report and throws if the stop was not clean.
 */
public interface RunningGroup extends AutoCloseable {

    /** The state of a running group; it only moves forward, and may skip {@link #READY}. */
    enum State {
        /** Actors are starting; not every one is ready yet. */
        STARTING,
        /** Every actor is ready and none has returned. */
        READY,
        /** A stop cause is set: stops are being delivered and actors awaited. */
        STOPPING,
        /** Every actor returned or passed its stop deadline; the report exists. */
        TERMINATED
    }

    /** @return the group's state now */
    State state();

    /**
     * A description of the group as it is now, for a person diagnosing a hang: its state, each actor's
     * state and where its thread is, open sessions, and pending waits for handles. Cheap enough to call
     * from a timeout handler; never blocks on the group.
     *
     * @return several lines of text
     */
    String snapshot();

    /** @return the group's name */
    String name();

    /** @return the names of the actors, in the order they were added */
    List<String> actorNames();

    /**
     * Waits until every actor is ready.
     *
     * @param timeout the start deadline; positive
     * @return this
     * @throws StartFailedException at once if an actor ends before the group is ready (with that actor's
     *     error as cause) or the group is stopped; at the deadline, naming each actor not ready with its
     *     thread's stack. The group is not stopped by this: the caller stops it.
     * @throws InterruptedException if interrupted while waiting
     */
    RunningGroup awaitReady(Duration timeout) throws InterruptedException;

    /** @return true once every actor has become ready */
    boolean isReady();

    /** @return the published ports and objects */
    Handles handles();

    /**
     * Asks the group to stop, with the cause {@link StopCause.Kind#STOP_REQUESTED}. Returns at once; stop
     * delivery and waiting happen on the group's threads. Does nothing if the group is already stopping.
     *
     * @param reason a few words for the report, such as {@code "test class finished"}
     */
    void stop(String reason);

    /**
     * Delivers a simulated OS signal to this group only: the signal actors of this group that listen for
     * it behave as if the process had received it. No real signal is sent; other groups see nothing.
     *
     * @param signal {@code TERM}, {@code SIGTERM}, {@code INT}, ...
     * @throws IllegalStateException if no running actor of this group listens for the signal
     */
    void signal(String signal);

    /** @return why the group is stopping or stopped; empty while it runs */
    Optional<StopCause> stopCause();

    /** @return the stop report once the group has terminated; empty until then */
    Optional<StopReport> report();

    /**
     * Waits for the group to terminate: every actor returned or was declared a straggler at its deadline.
     *
     * @param timeout the most to wait; positive
     * @return the report, or empty if the group had not terminated in time
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<StopReport> awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Stops the group and waits for its report. Never waits forever: the wait is bounded by the actors'
     * stop deadlines and the leak check's linger. Does not throw for an unclean stop: see
     * {@link StopReport#clean()} and {@link StopReport#failure()}.
     *
     * @param reason a few words for the report
     * @return the report
     * @throws InterruptedException if interrupted while waiting
     */
    StopReport stopAndAwait(String reason) throws InterruptedException;

    /**
     * @return completes with the report when the group terminates (already complete once it has);
     *     never completes exceptionally. A stage taken before the end completes on a thread of its own,
     *     after the waiters of {@link #awaitTermination} and {@link #stopAndAwait} were released, so a slow
     *     callback never holds up a waiter.
     */
    CompletionStage<StopReport> termination();

    /**
     * Stops the group and waits for its report, as {@link #stopAndAwait} does.
     *
     * @throws GroupFailedException if the stop was not clean
     * @throws IllegalStateException if called from one of the group's own actor threads (it would wait
     *     on itself)
     * @throws InterruptedException if interrupted while waiting (the group goes on stopping)
     */
    @Override
    void close() throws InterruptedException;
}
