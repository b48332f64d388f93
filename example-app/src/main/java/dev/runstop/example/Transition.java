package dev.runstop.example;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of the {@link TurnstileMachine} to one event: accepted (the state moved from {@code from} to
 * {@code to}, possibly the same) or rejected (the state stayed {@code from}, and {@code reason} says why).
 *
 * @param event the event applied
 * @param from the state before
 * @param to the state after; equal to {@code from} when rejected
 * @param rejection why the event was rejected; null when accepted
 */
public record Transition(TurnstileEvent event, TurnstileState from, TurnstileState to, String rejection) {

    /** @return true if the machine accepted the event */
    public boolean accepted() {
        return rejection == null;
    }

    /** @return why the event was rejected, or empty if it was accepted */
    public Optional<String> rejectionReason() {
        return Optional.ofNullable(rejection);
    }

    /**
     * The rules of the turnstile: coin unlocks a locked turnstile; push locks an unlocked one and sets
     * off the alarm on a locked one; reset ends the alarm. Everything else is rejected.
     *
     * @param state the current state
     * @param event the event
     * @return the transition the event makes from that state
     */
    public static Transition of(TurnstileState state, TurnstileEvent event) {
        switch (state) {
            case LOCKED:
                switch (event) {
                    case COIN:
                        return to(event, state, TurnstileState.UNLOCKED);
                    case PUSH:
                        return to(event, state, TurnstileState.ALARM);
                    default:
                        return reject(event, state, "there is no alarm to reset");
                }
            case UNLOCKED:
                switch (event) {
                    case PUSH:
                        return to(event, state, TurnstileState.LOCKED);
                    case COIN:
                        return reject(event, state, "already unlocked: the coin is returned");
                    default:
                        return reject(event, state, "there is no alarm to reset");
                }
            default:
                return event == TurnstileEvent.RESET ? to(event, state, TurnstileState.LOCKED)
                        : reject(event, state, "the alarm is sounding: reset it first");
        }
    }

    private static Transition to(TurnstileEvent event, TurnstileState from, TurnstileState to) {
        return new Transition(event, from, to, null);
    }

    private static Transition reject(TurnstileEvent event, TurnstileState state, String reason) {
        return new Transition(event, state, state, "event '" + event.wireName() + "' rejected in state '"
                + state.wireName() + "': " + reason);
    }

    /** @return this transition as the fields of a JSON object, for the HTTP API */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accepted", accepted());
        json.put("event", event.wireName());
        json.put("from", from.wireName());
        json.put("state", to.wireName());
        if (rejection != null) {
            json.put("error", rejection);
        }
        return json;
    }
}
