package dev.runstop.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The lifecycle decisions of one stress cycle, derived only from the seed, the cycle number, the actors'
 * names and the longest delay: the same inputs always give the same schedule. It decides the order actor
 * threads are started in, when each actor enters {@code run} (at once, after a short or long delay, or only
 * after its stop has been delivered to it), when the stop comes ({@link StopMoment}), how it comes
 * ({@link Trigger}), the order of stop deliveries, and before which of them the stress waits for the app to
 * be idle. Immutable.
 */
public final class Schedule {

    /** When the stop comes, relative to the group's readiness. */
    public enum StopMoment {
        /** {@link #stopAfter()} after the group started, once the app is idle, without waiting for readiness. */
        BEFORE_READY,
        /** As soon as every actor is ready and the app is idle. */
        AT_READY,
        /** {@link #stopAfter()} after every actor is ready, once the app is idle. */
        AFTER_READY
    }

    /** How the stop comes. */
    public enum Trigger {
        /** The owner of the group asks it to stop ({@link dev.runstop.RunningGroup#stop}). */
        STOP_REQUESTED,
        /** An actor added for the cycle returns by itself: the group ends as when an app actor returns. */
        ACTOR_RETURNS,
        /** An actor added for the cycle throws an {@link InjectedFailure}: the one error the cycle expects. */
        ACTOR_FAILS
    }

    private final long seed;
    private final int cycle;
    private final List<String> actors;
    private final List<String> startOrder;
    private final Map<String, Duration> runDelays;
    private final Set<String> enterAfterStop;
    private final StopMoment stopMoment;
    private final Duration stopAfter;
    private final Trigger trigger;
    private final List<String> stopOrder;
    private final Map<String, Duration> stopDelays;
    private final Set<String> settles;

    private Schedule(long seed, int cycle, List<String> actors, List<String> startOrder, Map<String, Duration> runDelays,
            Set<String> enterAfterStop, StopMoment stopMoment, Duration stopAfter, Trigger trigger, List<String> stopOrder,
            Map<String, Duration> stopDelays, Set<String> settles) {
        this.seed = seed;
        this.cycle = cycle;
        this.actors = List.copyOf(actors);
        this.startOrder = List.copyOf(startOrder);
        this.runDelays = Collections.unmodifiableMap(new LinkedHashMap<>(runDelays));
        this.enterAfterStop = Set.copyOf(enterAfterStop);
        this.stopMoment = stopMoment;
        this.stopAfter = stopAfter;
        this.trigger = trigger;
        this.stopOrder = List.copyOf(stopOrder);
        this.stopDelays = Collections.unmodifiableMap(new LinkedHashMap<>(stopDelays));
        this.settles = Set.copyOf(settles);
    }

    /**
     * Decides the schedule of one cycle. Delays are multiples of 0.1 ms up to about {@code maxDelay}; a tenth
     * of it is the step. Before {@code run}, half of the actors are early (no delay), three in eight short (up
     * to a fifth of the longest delay) and one in eight late. When the stop comes before readiness, a late
     * actor's thread is held until stop has been delivered to it and enters {@code run} its
     * {@link #runDelay} (up to a tenth of the longest delay) after that, exactly, whatever the load; the
     * stop comes at least two steps after the last other actor entered {@code run}, and only once the app
     * is idle (see {@link #settlesBeforeStop}). Otherwise a late actor waits half the longest delay or more.
     * Actors that do not wait for their stop enter {@code run} at distinct times a step apart, the first three
     * steps after the start (time for the threads to be started), so which comes first is decided here, not by
     * the thread scheduler; a run in which a loaded machine did not keep to that order is run again. Before each stop delivery, with odds of one in
     * four, the stress waits a short while and then until the app is idle, so that what one stop set off
     * has happened before the next stop is delivered.
     *
     * @param seed the stress run's seed
     * @param cycle the cycle number, zero or more
     * @param actors the names of the app's actors, in the order they were added; not empty, no duplicates
     * @param maxDelay the longest delay a schedule uses; at least one millisecond
     * @return the schedule
     * @throws IllegalArgumentException for a negative cycle, no actors, duplicate names, or a delay under 1 ms
     */
    public static Schedule decide(long seed, int cycle, List<String> actors, Duration maxDelay) {
        if (cycle < 0) {
            throw new IllegalArgumentException("cycle must be zero or more, was " + cycle);
        }
        if (actors == null || actors.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one actor, got " + actors);
        }
        if (actors.stream().anyMatch(java.util.Objects::isNull) || new HashSet<>(actors).size() != actors.size()) {
            throw new IllegalArgumentException("actor names must be distinct and not null, got " + actors);
        }
        if (maxDelay == null || maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("the longest delay must be at least 1 ms, was " + maxDelay);
        }
        // all times below are in tenths of a millisecond
        int m = (int) Math.min(maxDelay.toNanos() / TICK_NANOS, 600_000);
        int step = Math.max(1, m / 10);
        int small = Math.max(1, m / 5);
        SplittableRandom rng = new SplittableRandom(mix(seed, cycle));

        List<String> startOrder = shuffled(actors, rng);
        double moment = rng.nextDouble();
        StopMoment stopMoment = moment < 0.4 ? StopMoment.BEFORE_READY : moment < 0.7 ? StopMoment.AT_READY : StopMoment.AFTER_READY;
        double how = rng.nextDouble();
        Trigger trigger = how < 0.6 ? Trigger.STOP_REQUESTED : how < 0.85 ? Trigger.ACTOR_RETURNS : Trigger.ACTOR_FAILS;
        List<String> stopOrder = shuffled(actors, rng);
        Map<String, Duration> stopDelays = new LinkedHashMap<>();
        Set<String> settles = new HashSet<>();
        for (String a : stopOrder) {
            boolean settle = rng.nextInt(4) == 0;
            long wait = 1 + rng.nextInt(small);
            if (settle) {
                settles.add(a);
            }
            stopDelays.put(a, ticks(settle ? wait : 0));
        }
        int drawnStopAfter = stopMoment == StopMoment.BEFORE_READY ? 1 + rng.nextInt(Math.max(1, m * 3 / 10))
                : stopMoment == StopMoment.AFTER_READY ? 1 + rng.nextInt(Math.max(1, m / 2)) : 0;
        Map<String, Integer> kinds = new LinkedHashMap<>();
        Map<String, Long> delays = new LinkedHashMap<>();
        for (String a : startOrder) {
            int draw = rng.nextInt(8);
            int kind = draw < 4 ? EARLY : draw < 7 ? SHORT : LATE;
            long shortTicks = 1 + rng.nextInt(small);
            long lateTicks = m / 2 + rng.nextInt(m - m / 2 + 1);
            long gapTicks = rng.nextInt(step + 1);
            kinds.put(a, kind);
            delays.put(a, kind == EARLY ? 0 : kind == SHORT ? shortTicks
                    : stopMoment == StopMoment.BEFORE_READY ? gapTicks : lateTicks);
        }
        Set<String> afterStop = new HashSet<>();
        if (stopMoment == StopMoment.BEFORE_READY) {
            for (String a : startOrder) {
                if (kinds.get(a) == LATE) {
                    afterStop.add(a);
                }
            }
        }
        // Actors that do not wait for their stop enter run at distinct times, a step apart, so that which of
        // two comes first is the schedule's decision, not the thread scheduler's; early ones first.
        Set<Long> used = new HashSet<>();
        long lastEntry = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (String a : startOrder) {
                if (!afterStop.contains(a) && (kinds.get(a) == LATE) == (pass == 1)) {
                    long d = distinct(delays.get(a), used, step);
                    delays.put(a, d);
                    lastEntry = Math.max(lastEntry, d);
                }
            }
        }
        int stopAfter = stopMoment == StopMoment.BEFORE_READY ? (int) Math.max(drawnStopAfter, lastEntry + 2L * step)
                : drawnStopAfter;
        Map<String, Duration> runDelays = new LinkedHashMap<>();
        for (String a : startOrder) {
            runDelays.put(a, ticks(delays.get(a)));
        }
        return new Schedule(seed, cycle, actors, startOrder, runDelays, afterStop, stopMoment, ticks(stopAfter),
                trigger, stopOrder, stopDelays, settles);
    }

    private static final long TICK_NANOS = 100_000;

    /** @return the step of schedules with this longest delay: the least time between two planned entries to run */
    static Duration step(Duration maxDelay) {
        return ticks(Math.max(1, Math.min(maxDelay.toNanos() / TICK_NANOS, 600_000) / 10));
    }
    private static final int EARLY = 0;
    private static final int SHORT = 1;
    private static final int LATE = 2;

    private static Duration ticks(long ticks) {
        return Duration.ofNanos(ticks * TICK_NANOS);
    }

    /** @return the delay, moved later until it is at least {@code step} ms from every delay already used */
    private static long distinct(long delay, Set<Long> used, int step) {
        long d = Math.max(delay, 3L * step); // the first entry comes three steps after the start: time to start the threads
        while (tooClose(d, used, step)) {
            d++;
        }
        used.add(d);
        return d;
    }

    private static boolean tooClose(long d, Set<Long> used, int step) {
        for (long u : used) {
            if (Math.abs(u - d) < step) {
                return true;
            }
        }
        return false;
    }

    private static List<String> shuffled(List<String> names, SplittableRandom rng) {
        List<String> out = new ArrayList<>(names);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, rng.nextInt(i + 1));
        }
        return out;
    }

    /** SplitMix64's finalizer over seed and cycle: neighbouring cycles get unrelated streams. */
    static long mix(long seed, int cycle) {
        long z = seed + 0x9E3779B97F4A7C15L * (cycle + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the seed the schedule was derived from */
    public long seed() {
        return seed;
    }

    /** @return the cycle number the schedule was derived for */
    public int cycle() {
        return cycle;
    }

    /** @return the app's actors, in the order they were added */
    public List<String> actors() {
        return actors;
    }

    /** @return the order the actors' threads are started in */
    public List<String> startOrder() {
        return startOrder;
    }

    /**
     * @param actor one of {@link #actors()}
     * @return when it enters {@code run}: for an actor that {@link #entersRunAfterStop enters run after its
     *     stop}, the time after stop was delivered to it; for the others, the time after the group started
     * @throws IllegalArgumentException if the actor is not in the schedule
     */
    public Duration runDelay(String actor) {
        return known(runDelays, actor);
    }

    /**
     * @param actor one of {@link #actors()}
     * @return true if its thread is held until stop has been delivered to it (it then enters {@code run}
     *     {@link #runDelay} later): the stop-before-run race, exactly
     * @throws IllegalArgumentException if the actor is not in the schedule
     */
    public boolean entersRunAfterStop(String actor) {
        known(runDelays, actor);
        return enterAfterStop.contains(actor);
    }

    /** @return when the stop comes */
    public StopMoment stopMoment() {
        return stopMoment;
    }

    /**
     * @return for {@link StopMoment#BEFORE_READY} the wait after the start, for {@link StopMoment#AFTER_READY}
     *     the wait after readiness, before the stop comes; zero for {@link StopMoment#AT_READY}
     */
    public Duration stopAfter() {
        return stopAfter;
    }

    /** @return how the stop comes */
    public Trigger trigger() {
        return trigger;
    }

    /** @return the order stop is delivered to the actors in, one at a time */
    public List<String> stopOrder() {
        return stopOrder;
    }

    /**
     * @param actor one of {@link #actors()}
     * @return the wait before stop is delivered to it (after the previous delivery, or the stop's start);
     *     zero unless the app {@link #settlesBeforeStop settles} first, when it is the first part of that wait
     * @throws IllegalArgumentException if the actor is not in the schedule
     */
    public Duration stopDelay(String actor) {
        return known(stopDelays, actor);
    }

    /**
     * @param actor one of {@link #actors()}
     * @return true if, before stop is delivered to it, the stress waits {@link #stopDelay} and then until no
     *     thread of the app is runnable: whatever the previous stops set off (an item taken from a queue, a
     *     thread woken) has happened first, whatever the load of the machine
     * @throws IllegalArgumentException if the actor is not in the schedule
     */
    public boolean settlesBeforeStop(String actor) {
        known(stopDelays, actor);
        return settles.contains(actor);
    }

    private Duration known(Map<String, Duration> map, String actor) {
        Duration d = map.get(actor);
        if (d == null) {
            throw new IllegalArgumentException("actor '" + actor + "' is not in the schedule; it has " + actors);
        }
        return d;
    }

    /**
     * @return the plan in words, one decision a line, such as {@code start order: feed, http} and
     *     {@code stop order: http, feed (+0.3 ms, then until idle)}
     */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append("start order: ").append(String.join(", ", startOrder)).append(nl);
        out.append("delay before run: ");
        String sep = "";
        for (String a : startOrder) {
            out.append(sep).append(a).append(' ');
            if (enterAfterStop.contains(a)) {
                out.append("held until stop was delivered to it, then ").append(Times.ms(runDelays.get(a)));
            } else {
                out.append(Times.ms(runDelays.get(a)));
            }
            sep = ", ";
        }
        out.append(nl).append("stop: ").append(describeStop()).append(nl);
        out.append("stop order: ");
        sep = "";
        for (String a : stopOrder) {
            out.append(sep).append(a).append(settles.contains(a) ? " (+" + Times.ms(stopDelays.get(a)) + ", then until idle)" : "");
            sep = ", ";
        }
        out.append(" — (+n ms, then until idle) is the wait before that delivery: that long, then until no app thread is runnable");
        return out.toString();
    }

    private String describeStop() {
        String who;
        switch (trigger) {
            case ACTOR_RETURNS:
                who = "an added actor returns by itself (as an app actor that ends on its own)";
                break;
            case ACTOR_FAILS:
                who = "an added actor throws an injected failure (as an app actor that crashes)";
                break;
            default:
                who = "requested from outside (RunningGroup.stop)";
        }
        switch (stopMoment) {
            case BEFORE_READY:
                return who + " " + Times.ms(stopAfter) + " after start and once the app is idle, without waiting for ready";
            case AT_READY:
                return who + " as soon as every actor is ready and the app is idle";
            default:
                return who + " " + Times.ms(stopAfter) + " after every actor is ready, once the app is idle";
        }
    }

    @Override
    public String toString() {
        return "Schedule[seed " + StressSeed.format(seed) + ", cycle " + cycle + "]" + System.lineSeparator() + describe();
    }
}
