package dev.runstop;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named values the actors of one group publish: bound ports and objects. Look-ups by a name that
 * is not published fail with a message that lists every name that is; waits are bounded and fail fast
 * once the group stops.
 */
public interface Handles {

    /**
     * @param name the handle's name
     * @param type the type the value must have
     * @param <T> the type
     * @return the published value
     * @throws java.util.NoSuchElementException if nothing is published under the name (the message lists
     *     what is)
     * @throws ClassCastException if the value is not of the given type (the message names both types)
     */
    <T> T get(String name, Class<T> type);

    /**
     * @param name the handle's name
     * @param type the type the value must have
     * @param <T> the type
     * @return the value, or empty if nothing is published under the name yet
     * @throws ClassCastException if the value is not of the given type
     */
    <T> Optional<T> find(String name, Class<T> type);

    /**
     * @param type a type that exactly one published value has
     * @param <T> the type
     * @return that value
     * @throws java.util.NoSuchElementException if no value, or more than one, has the type (the message
     *     lists the handles)
     */
    <T> T getByType(Class<T> type);

    /**
     * Waits until a value of the type is published, then returns it as {@link #getByType} does.
     *
     * @param type a type that exactly one published value has
     * @param timeout the most to wait; positive
     * @param <T> the type
     * @return that value
     * @throws HandleTimeoutException if none is published in time, or the group stops first
     * @throws java.util.NoSuchElementException if more than one value has the type
     * @throws InterruptedException if interrupted while waiting
     */
    <T> T awaitByType(Class<T> type, Duration timeout) throws InterruptedException;

    /**
     * @param name the name a port was published under with {@link ActorContext#publishPort}
     * @return the port
     * @throws java.util.NoSuchElementException if no port is published under the name
     */
    int port(String name);

    /**
     * Waits until a value is published under the name.
     *
     * @param name the handle's name
     * @param type the type the value must have
     * @param timeout the most to wait; positive
     * @param <T> the type
     * @return the value
     * @throws HandleTimeoutException if the timeout passes or the group stops first (the message lists
     *     what is published)
     * @throws InterruptedException if interrupted while waiting
     */
    <T> T await(String name, Class<T> type, Duration timeout) throws InterruptedException;

    /**
     * Waits until a port is published under the name.
     *
     * @param name the port's name
     * @param timeout the most to wait; positive
     * @return the port
     * @throws HandleTimeoutException if the timeout passes or the group stops first
     * @throws InterruptedException if interrupted while waiting
     */
    int awaitPort(String name, Duration timeout) throws InterruptedException;

    /** @return the names published so far, in publication order */
    Set<String> names();

    /** @return the names published as ports so far */
    Set<String> portNames();

    /** @return a copy of every handle published so far, in publication order */
    Map<String, Object> snapshot();

    /**
     * @return a one-line description of what is published, such as {@code http (port 43121), machine
     *     (TurnstileMachine)}, or {@code nothing} if nothing is
     */
    String describe();
}
