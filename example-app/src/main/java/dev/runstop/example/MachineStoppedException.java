package dev.runstop.example;

/** Completes an event submitted to a {@link TurnstileMachine} that has stopped: the event was not applied. */
public final class MachineStoppedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MachineStoppedException(TurnstileEvent event) {
        super("the turnstile machine has stopped: event '" + event.wireName() + "' was not applied");
    }
}
