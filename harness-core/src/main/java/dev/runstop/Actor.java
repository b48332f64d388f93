package dev.runstop;

/**
 * One concurrent component of a {@link Group}: a pair of {@link #run run} and {@link #stop stop}.
 *
 * <p>The contract every actor must meet, and every adapter in {@link Actors} does meet:
 * <ul>
 *   <li>{@link #run} blocks while the component works and returns (or throws) when it is done,
 *       either by itself or because {@link #stop} was called.</li>
 *   <li>{@link #stop} returns promptly and makes {@code run} return soon after. It may be called
 *       before {@code run} has started (then {@code run} must return at once when it does start),
 *       while {@code run} runs, after {@code run} returned, and more than once, from any thread.
 *       Every one of those calls must be safe.</li>
 * </ul>
 * An actor that breaks the contract does not hang its group: it is reported as a straggler at its stop
 * deadline (see {@link StopReport}).
 */
public interface Actor {

    /**
     * Does the component's work; blocks until it is done or stopped. Runs on a thread of its own named
     * {@code <group>/<actor>}. Throwing ends the group with this actor's error as the primary failure,
     * unless the group was already stopping and the error is an {@link InterruptedException}, which
     * then counts as a normal return.
     *
     * @param ctx this actor's view of its group: readiness, handles, sessions, stop state
     * @throws Exception the reason the component failed
     */
    void run(ActorContext ctx) throws Exception;

    /**
     * Asks {@link #run} to return. Must return promptly and must be safe at any time and any number of
     * times (see the class documentation). An exception thrown here is attached to the group's report,
     * never lost.
     *
     * @param cause why the group is stopping; never null
     */
    void stop(Throwable cause);

    /**
     * Whether this actor reports readiness itself by calling {@link ActorContext#ready()}. When false
     * (the default), the actor counts as ready as soon as {@link #run} is entered.
     *
     * @return true if the group must wait for {@link ActorContext#ready()}
     */
    default boolean signalsReady() {
        return false;
    }

    /**
     * The body of an actor that needs no separate stop function: it watches
     * {@link ActorContext#stopDelivered()} or blocks in {@link ActorContext#awaitStop()}, or it is paired
     * with a stop function in {@link Group#add(String, Body, java.util.function.Consumer)}.
     */
    @FunctionalInterface
    interface Body {
        /**
         * Does the work, as {@link Actor#run} does.
         *
         * @param ctx this actor's view of its group
         * @throws Exception the reason the component failed
         */
        void run(ActorContext ctx) throws Exception;
    }
}
