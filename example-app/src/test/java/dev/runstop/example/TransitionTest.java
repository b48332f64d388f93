package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The turnstile's rules, every state and event. */
class TransitionTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
        "LOCKED,   COIN,  UNLOCKED, ",
        "LOCKED,   PUSH,  ALARM,    ",
        "LOCKED,   RESET, LOCKED,   event 'reset' rejected in state 'locked': there is no alarm to reset",
        "UNLOCKED, PUSH,  LOCKED,   ",
        "UNLOCKED, COIN,  UNLOCKED, event 'coin' rejected in state 'unlocked': already unlocked: the coin is returned",
        "UNLOCKED, RESET, UNLOCKED, event 'reset' rejected in state 'unlocked': there is no alarm to reset",
        "ALARM,    RESET, LOCKED,   ",
        "ALARM,    COIN,  ALARM,    event 'coin' rejected in state 'alarm': the alarm is sounding: reset it first",
        "ALARM,    PUSH,  ALARM,    event 'push' rejected in state 'alarm': the alarm is sounding: reset it first",
    })
    void rules(TurnstileState from, TurnstileEvent event, TurnstileState to, String rejection) {
        Transition t = Transition.of(from, event);
        assertThat(t).isEqualTo(new Transition(event, from, to, rejection));
        assertThat(t.accepted()).isEqualTo(rejection == null);
    }

    @Test
    void eventNamesAreExactAndUnknownOnesListTheKnown() {
        assertThat(TurnstileEvent.parse("coin")).isEqualTo(TurnstileEvent.COIN);
        assertThatThrownBy(() -> TurnstileEvent.parse("Coin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown event 'Coin'; known events: coin, push, reset");
        assertThatThrownBy(() -> TurnstileEvent.parse(null)).hasMessage("unknown event null; known events: coin, push, reset");
    }
}
