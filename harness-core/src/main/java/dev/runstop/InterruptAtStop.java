package dev.runstop;

/**
 * What became of the interrupt that stopped an actor made by {@link Actors#interruptible}, for one that
 * was still running at its stop deadline. Known for sure: the runtime records that it interrupted the
 * thread, and reads the thread's interrupt flag at the deadline.
 */
public enum InterruptAtStop {
    /** The stop did not interrupt the actor's thread (another form of actor, or it was not in its task). */
    NONE,
    /** Interrupted at stop, and its flag was clear again at the deadline: the interrupt was caught and it kept running. */
    SWALLOWED,
    /** Interrupted at stop, and its flag still set at the deadline: it runs code that never looks at it. */
    PENDING
}
