package dev.runstop;

import java.time.Duration;
import java.util.List;

/** A session still open at its actor's stop deadline: cut off, not drained. */
public final class SessionReport {
    private final String actor;
    private final String label;
    private final Duration age;
    private final String openedOn;
    private final List<StackTraceElement> openedAt;

    SessionReport(String actor, String label, Duration age, String openedOn, StackTraceElement[] openedAt) {
        this.actor = actor;
        this.label = label;
        this.age = age;
        this.openedOn = openedOn;
        this.openedAt = openedAt == null ? List.of() : List.of(openedAt);
    }

    /** @return the actor that opened the session */
    public String actor() {
        return actor;
    }

    /** @return the label it was opened with */
    public String label() {
        return label;
    }

    /** @return how long it had been open at the deadline */
    public Duration age() {
        return age;
    }

    /** @return the name of the thread that opened it */
    public String openedOn() {
        return openedOn;
    }

    /**
     * @return where it was opened, innermost frame first; empty unless the group records session stacks
     *     ({@link Group#recordSessionStacks(boolean)})
     */
    public List<StackTraceElement> openedAt() {
        return openedAt;
    }

    @Override
    public String toString() {
        return "session '" + label + "' of actor '" + actor + "' (open " + Durations.format(age) + ", opened on thread '"
                + openedOn + "')";
    }
}
