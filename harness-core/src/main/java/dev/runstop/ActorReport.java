package dev.runstop;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How one actor of a stopped group ended: part of a {@link StopReport}. Immutable. */
public final class ActorReport {
    private final String name;
    private final Outcome outcome;
    private final Throwable error;
    private final Throwable stopError;
    private final Duration stopDeadline;
    private final Map<LifecycleEvent, Duration> events;
    private final ThreadSnapshot stuck;
    private final List<SessionReport> cutOffSessions;
    private final List<ThreadSnapshot> leakedThreads;
    private final List<String> dependsOn;
    private final List<String> stopHeldFor;
    private final List<String> cycle;
    private final Throwable endedAfterStop;
    private final ProcessOutcome process;
    private final List<LeakedProcess> leakedProcesses;
    private InterruptAtStop interruptAtStop = InterruptAtStop.NONE; // set only by withInterruptAtStop, before publication

    ActorReport(String name, Outcome outcome, Throwable error, Throwable stopError, Duration stopDeadline,
            Map<LifecycleEvent, Duration> events, ThreadSnapshot stuck, List<SessionReport> cutOffSessions,
            List<ThreadSnapshot> leakedThreads) {
        this(name, outcome, error, stopError, stopDeadline, events, stuck, cutOffSessions, leakedThreads, List.of(), List.of(),
                List.of(), null, null, List.of());
    }

    ActorReport(String name, Outcome outcome, Throwable error, Throwable stopError, Duration stopDeadline,
            Map<LifecycleEvent, Duration> events, ThreadSnapshot stuck, List<SessionReport> cutOffSessions,
            List<ThreadSnapshot> leakedThreads, List<String> dependsOn, List<String> stopHeldFor, List<String> cycle,
            Throwable endedAfterStop, ProcessOutcome process, List<LeakedProcess> leakedProcesses) {
        this.process = process;
        this.leakedProcesses = List.copyOf(leakedProcesses);
        this.dependsOn = List.copyOf(dependsOn);
        this.stopHeldFor = List.copyOf(stopHeldFor);
        this.cycle = List.copyOf(cycle);
        this.endedAfterStop = endedAfterStop;
        this.name = name;
        this.outcome = outcome;
        this.error = error;
        this.stopError = stopError;
        this.stopDeadline = stopDeadline;
        this.events = events.isEmpty() ? Map.of() : new EnumMap<>(events);
        this.stuck = stuck;
        this.cutOffSessions = List.copyOf(cutOffSessions);
        this.leakedThreads = List.copyOf(leakedThreads);
    }

    /** @return the actor's name */
    public String name() {
        return name;
    }

    /** @return how it ended */
    public Outcome outcome() {
        return outcome;
    }

    /** @return what {@code run} threw, if it failed */
    public Optional<Throwable> error() {
        return Optional.ofNullable(error);
    }

    /** @return what {@code stop} threw, if it did */
    public Optional<Throwable> stopError() {
        return Optional.ofNullable(stopError);
    }

    /** @return the stop deadline that applied to this actor */
    public Duration stopDeadline() {
        return stopDeadline;
    }

    /**
     * @param event a lifecycle event
     * @return when it happened, as time since the group started, or empty if it did not happen
     */
    public Optional<Duration> at(LifecycleEvent event) {
        return Optional.ofNullable(events.get(event));
    }

    /** @return every recorded event and when it happened since the group started, in event order */
    public Map<LifecycleEvent, Duration> events() {
        return events;
    }

    /** @return how long {@code run} ran: from entering it to returning, or to the report for a straggler */
    public Duration ranFor() {
        Duration entered = events.get(LifecycleEvent.RUN_ENTERED);
        if (entered == null) {
            return Duration.ZERO;
        }
        Duration end = events.getOrDefault(LifecycleEvent.RETURNED, events.get(LifecycleEvent.STRAGGLED));
        return end == null ? Duration.ZERO : end.minus(entered);
    }

    /**
     * @return how long {@code run} took to return after stop was delivered; empty if it returned before
     *     stop was delivered (it ended the group, or returned as the stop spread) or if it straggled
     */
    public Optional<Duration> stopTook() {
        Duration asked = events.get(LifecycleEvent.STOP_DELIVERED);
        Duration returned = events.get(LifecycleEvent.RETURNED);
        if (asked == null || returned == null || returned.compareTo(asked) < 0) {
            return Optional.empty();
        }
        return Optional.of(returned.minus(asked));
    }

    /** @return where the actor's thread was stuck at the deadline, for a straggler */
    public Optional<ThreadSnapshot> stuck() {
        return Optional.ofNullable(stuck);
    }

    /** @return this actor's sessions that were still open at its stop deadline */
    public List<SessionReport> cutOffSessions() {
        return cutOffSessions;
    }

    /** @return threads this actor started that were still alive after the group stopped */
    public List<ThreadSnapshot> leakedThreads() {
        return leakedThreads;
    }

    /**
     * @return the actors this one depends on: whose handles it looked up, and those named with
     *     {@link Group#dependsOn}. Their stops waited for this actor.
     */
    public List<String> dependsOn() {
        return dependsOn;
    }

    /** @return the dependents that were still running when this actor's stop was first held; empty if it was not */
    public List<String> stopHeldFor() {
        return stopHeldFor;
    }

    /** @return how long this actor's stop was held for its dependents; empty if it was not held */
    public Optional<Duration> stopHeld() {
        Duration held = events.get(LifecycleEvent.STOP_HELD);
        Duration delivered = events.get(LifecycleEvent.STOP_DELIVERED);
        return held == null || delivered == null ? Optional.empty() : Optional.of(delivered.minus(held));
    }

    /**
     * @return the members of the dependency cycle this actor is in, which were stopped concurrently; empty
     *     if it is in none
     */
    public List<String> cycle() {
        return cycle;
    }

    /**
     * @return what {@code run} threw after its stop was delivered, when that counts as a normal return (an
     *     interrupt, a resource closed by the stop, a handle gone because the group stops); kept as a note
     */
    public Optional<Throwable> endedAfterStop() {
        return Optional.ofNullable(endedAfterStop);
    }

    /** @return for an actor made by {@link Actors#process}: its pid, exit code or signal and the escalation taken */
    public Optional<ProcessOutcome> process() {
        return Optional.ofNullable(process);
    }

    /** @return child processes this actor started that were still alive after the group stopped */
    public List<LeakedProcess> leakedProcesses() {
        return leakedProcesses;
    }

    /**
     * @return for a straggler made by {@link Actors#interruptible}: whether its stop interrupted it, and
     *     whether it swallowed that interrupt and kept running; {@link InterruptAtStop#NONE} otherwise
     */
    public InterruptAtStop interruptAtStop() {
        return interruptAtStop;
    }

    /** This report, with what became of the interrupt at stop. */
    ActorReport withInterruptAtStop(InterruptAtStop state) {
        this.interruptAtStop = state;
        return this;
    }

    /** A copy with the process leak check's findings; this report itself if there are none. */
    ActorReport withProcesses(ProcessOutcome outcome, List<LeakedProcess> leaked) {
        if (outcome == null && leaked.isEmpty()) {
            return this;
        }
        return new ActorReport(name, this.outcome, error, stopError, stopDeadline, events, stuck, cutOffSessions, leakedThreads,
                dependsOn, stopHeldFor, cycle, endedAfterStop, outcome, leaked).withInterruptAtStop(interruptAtStop);
    }

    /**
     * @return true if the actor returned, its stop did not throw, and it left no session, thread or
     *     process behind
     */
    public boolean clean() {
        return outcome == Outcome.RETURNED && stopError == null && cutOffSessions.isEmpty() && leakedThreads.isEmpty()
                && leakedProcesses.isEmpty();
    }

    @Override
    public String toString() {
        return "actor '" + name + "' " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                + (error != null ? ": " + Safe.describe(error) : "");
    }
}
