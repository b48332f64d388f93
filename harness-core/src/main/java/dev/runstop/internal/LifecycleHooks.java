package dev.runstop.internal;

import java.time.Duration;
import java.util.List;

/**
 * The seam through which lifecycle stress changes a group's schedule: start order, a delay before each
 * actor enters {@code run}, "enter run only after stop", and the order of and delays between stop
 * deliveries. Not API: for runstop's own packages only; apps never see it. {@link #NONE} changes nothing.
 *
 * <p>With hooks other than {@code NONE}, stops are delivered one at a time by a single thread in
 * {@link #stopOrder} order, except that a stop held for dependents waits and the next deliverable one in
 * that order goes first. Methods are called once per group run, when it starts, except the four
 * decision points {@link #awaitTurnToRun}, {@link #afterReady}, {@link #afterPublish} (on an actor's own
 * thread as it reaches them) and {@link #beforeStop} (on the delivering thread), which may hold the thread
 * there: through them hooks decide the order of an app's lifecycle events themselves.
 */
public interface LifecycleHooks {
    /** Hooks that change nothing: the schedule of a plain group. */
    LifecycleHooks NONE = new LifecycleHooks() {
    };

    /**
     * @param actors the actors in the order they were added
     * @return the same names in the order their threads are to be started
     */
    default List<String> startOrder(List<String> actors) {
        return actors;
    }

    /**
     * @param actor an actor's name
     * @return how long after the group started its thread may enter {@code run} at the earliest
     */
    default Duration delayBeforeRun(String actor) {
        return Duration.ZERO;
    }

    /**
     * @param actor an actor's name
     * @return true to hold the actor's thread until its {@code stop} call has returned, then wait
     *     {@link #delayBeforeRun} more, and only then enter {@code run}: "stop before run", exactly
     */
    default boolean enterRunAfterStop(String actor) {
        return false;
    }

    /**
     * @param actors the actors in the order they were added
     * @return the same names in the order stop is to be delivered to them
     */
    default List<String> stopOrder(List<String> actors) {
        return actors;
    }

    /**
     * @param actor an actor's name
     * @return how long to wait before delivering stop to it
     */
    default Duration delayBeforeStop(String actor) {
        return Duration.ZERO;
    }

    /**
     * Called on the actor's thread before {@code run}, before any of the delays above. Hooks that decide
     * themselves when each actor enters {@code run} hold the thread here until its turn and return true;
     * the delays, "stop before run" and start-order waits then do not apply to it.
     *
     * @param actor an actor's name
     * @return true if the hooks held the thread until its turn
     */
    default boolean awaitTurnToRun(String actor) {
        return false;
    }

    /**
     * Called on the actor's own thread just after it became ready; may hold it there.
     *
     * @param actor an actor's name
     */
    default void afterReady(String actor) {
    }

    /**
     * Called on the actor's own thread just after it published a handle; may hold it there.
     *
     * @param actor an actor's name
     * @param handle the handle's name
     */
    default void afterPublish(String actor, String handle) {
    }

    /**
     * Called on the delivering thread just before stop is delivered to the actor, after
     * {@link #delayBeforeStop}; may hold it there.
     *
     * @param actor an actor's name
     */
    default void beforeStop(String actor) {
    }
}
