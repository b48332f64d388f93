package dev.runstop.example;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What can happen to a turnstile; on the wire an event is named in lower case: {@code coin}. */
public enum TurnstileEvent {
    /** A coin is inserted. */
    COIN,
    /** Someone pushes the arm. */
    PUSH,
    /** An operator resets the alarm. */
    RESET;

    /** @return the name used in JSON, feeds and logs: {@code coin}, {@code push}, {@code reset} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name an event's wire name, exactly as {@link #wireName()} gives it
     * @return the event
     * @throws IllegalArgumentException if no event has that name; the message lists the names that exist
     */
    public static TurnstileEvent parse(String name) {
        if (name != null) {
            for (TurnstileEvent e : values()) {
                if (e.wireName().equals(name)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("unknown event " + (name == null ? "null" : "'" + name + "'")
                + "; known events: " + Arrays.stream(values()).map(TurnstileEvent::wireName).collect(Collectors.joining(", ")));
    }
}
