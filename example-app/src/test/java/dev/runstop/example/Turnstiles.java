package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

/** Test steps on the machine itself. */
final class Turnstiles {
    private Turnstiles() {
    }

    /** Brings the turnstile to {@link TurnstileState#LOCKED} from wherever it is. */
    static void lock(TurnstileMachine machine) throws Exception {
        if (machine.state() == TurnstileState.UNLOCKED) {
            machine.submit(TurnstileEvent.PUSH).get(10, TimeUnit.SECONDS);
        } else if (machine.state() == TurnstileState.ALARM) {
            machine.submit(TurnstileEvent.RESET).get(10, TimeUnit.SECONDS);
        }
        assertThat(machine.state()).isEqualTo(TurnstileState.LOCKED);
    }
}
