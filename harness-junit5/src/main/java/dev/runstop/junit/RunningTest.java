package dev.runstop.junit;

/**
 * A test method running against an app, on its thread: what the app watch interrupts when the app stops
 * under it. Created when the test's invocation begins and ended on the same thread when it returns.
 */
final class RunningTest {
    /** Whether the test's thread may be interrupted, and whether it was; only moves forward. */
    enum State {
        /** The test runs; an unexpected stop of the app interrupts its thread. */
        ARMED,
        /** The app watch interrupted the thread; {@link AppInstance#ended} clears the flag it set. */
        INTERRUPTED,
        /** The test's invocation returned; nothing interrupts its thread any more. */
        ENDED
    }

    final Thread thread;
    final String displayName;
    /** The test is annotated {@link ExpectAppStop}: a stop while it runs is on purpose. */
    final boolean expectsStop;
    /** Guarded by the owning {@link AppInstance}'s test lock. */
    State state = State.ARMED;

    RunningTest(Thread thread, String displayName, boolean expectsStop) {
        this.thread = thread;
        this.displayName = displayName;
        this.expectsStop = expectsStop;
    }
}
