package dev.runstop;

/** The moments of one actor's life the group records, in the order they normally happen. */
public enum LifecycleEvent {
    /** The actor's thread started. */
    THREAD_STARTED,
    /** The actor's {@code run} was entered. */
    RUN_ENTERED,
    /** The actor became ready. */
    READY,
    /** The actor's stop was held until the actors that depend on it were done. */
    STOP_HELD,
    /** The group delivered stop to the actor ({@code stop} was called). */
    STOP_DELIVERED,
    /** The actor's {@code stop} call returned. */
    STOP_RETURNED,
    /** The actor's {@code run} returned or threw. */
    RETURNED,
    /** The actor's stop deadline passed with {@code run} still running. */
    STRAGGLED
}
