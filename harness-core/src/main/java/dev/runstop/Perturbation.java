package dev.runstop;

import java.time.Duration;
import java.util.List;

/**
 * Changes a group's lifecycle schedule, to bring start-up and shutdown races out: the order actors are
 * started in, a delay before each enters {@code run}, and the order of and delays between {@code stop}
 * deliveries. With a perturbation set, stops are delivered one at a time by a single thread, in the
 * given order, so that a schedule replays the same way; each actor's stop deadline counts from the moment
 * its own stop is delivered. Methods are called once per group run, when it starts.
 */
public interface Perturbation {

    /**
     * @param actors the actors in the order they were added
     * @return the same names in the order their threads are to be started
     */
    default List<String> startOrder(List<String> actors) {
        return actors;
    }

    /**
     * @param actor an actor's name
     * @return how long after the group started its thread may enter {@code run} at the earliest; zero for
     *     none. Measured from the group's start, not the thread's, so thread start-up jitter does not shift
     *     the schedule.
     */
    default Duration delayBeforeRun(String actor) {
        return Duration.ZERO;
    }

    /**
     * @param actor an actor's name
     * @return true to hold the actor's thread until stop has been delivered to it and its {@code stop}
     *     call has returned, then wait
     *     {@link #delayBeforeRun} more, and only then enter {@code run}: the "stop before run" race, exactly,
     *     whatever the load of the machine. The group must then be stopped by something else.
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
     * @return how long to wait before delivering stop to it; zero for none
     */
    default Duration delayBeforeStop(String actor) {
        return Duration.ZERO;
    }
}
