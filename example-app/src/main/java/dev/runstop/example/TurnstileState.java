package dev.runstop.example;

import java.util.Locale;

/** Where a turnstile is: locked (waiting for a coin), unlocked (one passage paid) or in alarm (forced). */
public enum TurnstileState {
    /** Waiting for a coin; a push sets off the alarm. */
    LOCKED,
    /** A coin was paid; the next push lets one person through and locks again. */
    UNLOCKED,
    /** Someone pushed through without paying; only a reset ends it. */
    ALARM;

    /** @return the name used in JSON and logs: {@code locked}, {@code unlocked}, {@code alarm} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
