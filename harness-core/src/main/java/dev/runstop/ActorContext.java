package dev.runstop;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * What a running actor sees of its group. Handed to {@link Actor#run}; every method is safe to call
 * from any thread, also from threads the actor starts.
 */
public interface ActorContext {

    /** @return this actor's name, unique in its group */
    String name();

    /** @return the name of the group this actor belongs to */
    String groupName();

    /**
     * Marks this actor ready (its port is bound, its consumer connected). Idempotent. Only matters for
     * actors whose {@link Actor#signalsReady()} is true; others are ready when {@code run} is entered.
     */
    void ready();

    /**
     * Publishes a named value for tests and other actors: a {@code DataSource}, a state machine, a client.
     *
     * @param name unique in the group, not blank
     * @param value not null
     * @throws IllegalArgumentException if the name is blank or the value null
     * @throws IllegalStateException if the name was already published
     */
    void publish(String name, Object value);

    /**
     * Publishes a bound TCP port under a name; it is a handle whose value is the {@code Integer} port.
     *
     * @param name unique in the group, not blank
     * @param port 1 to 65535 (the port actually bound, never 0)
     * @throws IllegalArgumentException if the port is out of range or the name is blank
     * @throws IllegalStateException if the name was already published
     */
    void publishPort(String name, int port);

    /** @return the handles of the whole group, to look up or wait for what other actors publish */
    Handles handles();

    /**
     * @return true once the group has delivered stop to this actor (just before it calls
     *     {@link Actor#stop}). A body that polls this in its loop counts as ready at its first poll.
     */
    boolean stopDelivered();

    /**
     * @return true once the group is stopping, for whatever cause: from the moment the first actor
     *     returned or a stop was asked for, possibly well before stop is delivered to this actor (its
     *     dependents are stopped first). Lets an actor tell "my dependency went away because the group is
     *     stopping" from a real failure.
     */
    boolean groupStopping();

    /**
     * @return this actor's stop deadline: how long {@code run} may take to return once stop is delivered
     *     to it. An actor that escalates its own stop (SIGTERM, then SIGKILL) plans inside it.
     */
    Duration stopDeadline();

    /**
     * Blocks until the group delivers stop to this actor. Lets an actor written as a single
     * {@link Actor.Body} wait for its stop the way a Go actor waits on {@code ctx.Done()}.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    void awaitStop() throws InterruptedException;

    /**
     * Opens a session: a piece of in-flight work (a request, a connection, a job) that the group lets
     * finish, up to this actor's stop deadline, when it stops. Close it when the work is done
     * (try-with-resources). Cheap and lock-free in the common case; usable from any thread.
     *
     * @param label what the work is, for the stop report (for example {@code "POST /events"})
     * @return the open session
     * @throws SessionRefusedException if the group is already stopping: the "stop taking new work"
     *     half of a graceful drain
     */
    Session openSession(String label);

    /**
     * Blocks until every session this actor opened is closed, or until this actor's stop deadline
     * passes after stop was delivered (or {@code timeout}, whichever comes first); it gives up a little
     * before that deadline (a tenth of it, at most 20 ms), so the actor can still return in time and only
     * the sessions left open are reported as cut off. An actor that owns a
     * server calls this from its stop path before closing the server, so in-flight requests still get
     * their responses.
     *
     * @param timeout the most to wait
     * @return true if no session of this actor is open
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitSessionsClosed(Duration timeout) throws InterruptedException;

    /**
     * A thread factory whose threads belong to this actor: named {@code <group>/<actor>/<n>}, daemon,
     * and attributed to this actor by the group's leak check.
     *
     * @return a new factory
     */
    ThreadFactory threadFactory();
}
