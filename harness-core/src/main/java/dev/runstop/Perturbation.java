package dev.runstop;

import java.time.Duration;
import java.util.List;

/**
 * Changes a group's lifecycle schedule, to bring start-up and shutdown races out: the order actors are
 * started in, a delay before each enters {@code run}, and the order of and delays between {@code stop}
 * deliveries. With a perturbation set, stops are delivered one at a time by a single thread, in the
 * given order, so that a schedule replays the same way. Methods are called once per group run.
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
     * @return how long its thread waits before entering {@code run}; zero for none
     */
    default Duration delayBeforeRun(String actor) {
        return Duration.ZERO;
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
