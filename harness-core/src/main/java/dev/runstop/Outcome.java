package dev.runstop;

/** How one actor ended, as the {@link StopReport} tells it. */
public enum Outcome {
    /** {@code run} returned normally (or with an {@link InterruptedException} after stop was asked). */
    RETURNED,
    /** {@code run} threw. */
    FAILED,
    /** {@code run} had not returned by the actor's stop deadline; its thread is left behind. */
    STRAGGLER
}
