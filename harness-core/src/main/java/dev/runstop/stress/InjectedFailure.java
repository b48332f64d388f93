package dev.runstop.stress;

/**
 * The error a stress schedule injects on purpose ({@link Schedule.Trigger#ACTOR_FAILS}): an actor added for
 * the cycle throws it to end the group the way a crashing actor would. The cycle expects it and does not
 * count it as a problem; any other error is one.
 */
public final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
        super(message, null, false, false);
    }
}
