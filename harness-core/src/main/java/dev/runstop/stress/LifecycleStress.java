package dev.runstop.stress;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.internal.GroupAccess;
import dev.runstop.RunningGroup;
import dev.runstop.StartFailedException;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Runs an app's group through many start &rarr; stop cycles under a seeded {@link Schedule}, to bring out
 * start-up and shutdown races, and fails with a {@link LifecycleStressFailure} at the first cycle that does
 * not stop cleanly.
 *
 * <pre>{@code
 * StressResult result = LifecycleStress.of(App::group).cycles(200).run();
 * // a failure names the seed and cycle; run that cycle first with:
 * LifecycleStress.of(App::group).replay("5EED0F11FE5EED01:37").run();
 * }</pre>
 *
 * <p>Each cycle builds a new group with the factory, adds an actor that ends the group when the schedule
 * says an actor returns or fails (and, before the stops the schedule lets the app settle for, an actor whose
 * stop waits until no app thread is runnable), sets the group's stop deadline, leak check and
 * lifecycle hooks from the cycle's schedule (and turns real OS signals off),
 * starts it, stops it as the schedule says, and checks its {@link StopReport}: no straggler, no error but
 * the one the schedule injected, no {@code stop} that threw, no session cut off, no thread left behind by
 * the actors, and, where the schedule waits for it, every actor ready within the start deadline. The
 * schedule of a cycle depends only on the seed, the cycle number, the actors' names and the longest delay,
 * so a seed replays the same decisions. Where the schedule is kept by the clock (actors entering
 * {@code run} at planned times, a step apart) a loaded machine may not keep it; such a run of a cycle is
 * discarded and the cycle run again (up to 20 times), so that what is judged, and replayed, is the
 * schedule's outcome and not the machine's. The factory must build a new, unstarted group with the same actors
 * on every call. Configure, then run from one thread; a configured stress can be run more than once.
 */
public final class LifecycleStress {
    /** The seed used unless one is given: a run with no seed makes the same decisions every time. */
    public static final long DEFAULT_SEED = 0x5EED0F11FE5EED01L;
    /** Cycles run unless told: 200. */
    public static final int DEFAULT_CYCLES = 200;
    /**
     * Stop deadline of the actors in a cycle unless told: 500 ms. Each actor's counts from the moment its own
     * stop is delivered, so the schedule's waits between deliveries do not eat into it; a straggler costs it
     * once, as the run ends at the first failing cycle.
     */
    public static final Duration DEFAULT_STOP_DEADLINE = Duration.ofMillis(500);
    /**
     * How long threads left by actors may take to end before they count as leaked, unless told: 500 ms. A
     * clean cycle whose actors stop their threads before returning does not wait for it.
     */
    public static final Duration DEFAULT_LEAK_LINGER = Duration.ofMillis(500);
    /** How long a cycle waits for readiness, when its schedule does, unless told: 5 s. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(5);
    /**
     * The longest delay a schedule uses unless told: 2 ms. The races do not hang on it: a stop before
     * {@code run} is made exactly (the actor is held until its stop), and the app is let settle by watching
     * its threads, not the clock; the delays only spread the other events apart.
     */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(2);
    /** The longest wait for the app to be idle at a settle point. */
    private static final long SETTLE_CAP_NANOS = Duration.ofMillis(250).toNanos();
    /** Kept after a held actor's time to enter run before looking for idleness: the kernel's timer slack and more. */
    private static final long HOLD_MARGIN_NANOS = 200_000;

    private static final System.Logger LOG = System.getLogger(LifecycleStress.class.getName());
    private static final Duration TERMINATION_GUARD = Duration.ofMinutes(2);
    /**
     * How often a cycle is run before it is judged although the machine did not keep to its schedule (an
     * actor entered run out of its planned order, or the app was never idle at a settle point).
     */
    private static final int MAX_ATTEMPTS = 20;
    /** The least time between two actors' entries to run for their order to count as the schedule's. */
    private static final Duration ENTRY_MARGIN = Duration.ofNanos(50_000);
    private static final String NL = System.lineSeparator();

    private final Callable<? extends Group> factory;
    private int cycles = DEFAULT_CYCLES;
    private long seed = DEFAULT_SEED;
    private int replayCycle = -1;
    private Duration stopDeadline = DEFAULT_STOP_DEADLINE;
    private Duration leakLinger = DEFAULT_LEAK_LINGER;
    private Duration startDeadline = DEFAULT_START_DEADLINE;
    private Duration maxDelay = DEFAULT_MAX_DELAY;

    private LifecycleStress(Callable<? extends Group> factory) {
        this.factory = factory;
    }

    /**
     * @param factory builds a new, unstarted group of the app on every call, with the same actors each time
     * @return a stress run with the defaults: {@value #DEFAULT_CYCLES} cycles from {@link #DEFAULT_SEED}
     * @throws IllegalArgumentException if the factory is null
     */
    public static LifecycleStress of(Callable<? extends Group> factory) {
        if (factory == null) {
            throw new IllegalArgumentException("app factory must not be null");
        }
        return new LifecycleStress(factory);
    }

    /**
     * @param cycles how many cycles to run; positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public LifecycleStress cycles(int cycles) {
        if (cycles < 1) {
            throw new IllegalArgumentException("cycles must be positive, was " + cycles);
        }
        this.cycles = cycles;
        return this;
    }

    /**
     * @param seed the seed every cycle's schedule is derived from
     * @return this
     */
    public LifecycleStress seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Sets the seed and, if the token names one, the cycle to run first, as a failure prints it.
     *
     * @param token {@code SEED} or {@code SEED:CYCLE}, such as {@code 5EED0F11FE5EED01:37}
     * @return this
     * @throws IllegalArgumentException if the token is malformed
     */
    public LifecycleStress replay(String token) {
        return seed(StressSeed.parse(token));
    }

    /**
     * Sets the seed and, if it has one, the cycle to run first.
     *
     * @param seed the seed and cycle
     * @return this
     * @throws IllegalArgumentException if null
     */
    public LifecycleStress seed(StressSeed seed) {
        if (seed == null) {
            throw new IllegalArgumentException("stress seed must not be null");
        }
        this.seed = seed.seed();
        this.replayCycle = seed.replayCycle().orElse(-1);
        return this;
    }

    /**
     * Runs the given cycle's schedule first, then the others from cycle 0 on, skipping it.
     *
     * @param cycle the cycle number a failure reported; zero or more
     * @return this
     * @throws IllegalArgumentException if negative
     */
    public LifecycleStress replayCycle(int cycle) {
        if (cycle < 0) {
            throw new IllegalArgumentException("replay cycle must be zero or more, was " + cycle);
        }
        this.replayCycle = cycle;
        return this;
    }

    /**
     * @param deadline the stop deadline of the group's actors in each cycle (actors with one of their own
     *     keep it); positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public LifecycleStress stopDeadline(Duration deadline) {
        this.stopDeadline = positive(deadline, "stop deadline");
        return this;
    }

    /**
     * @param linger how long threads the actors started may take to end after the group stopped before they
     *     count as leaked; zero turns the leak check off
     * @return this
     * @throws IllegalArgumentException if negative or null
     */
    public LifecycleStress leakLinger(Duration linger) {
        if (linger == null || linger.isNegative()) {
            throw new IllegalArgumentException("leak linger must be zero or positive, was " + linger);
        }
        this.leakLinger = linger;
        return this;
    }

    /**
     * @param deadline how long a cycle whose schedule waits for readiness waits; positive
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public LifecycleStress startDeadline(Duration deadline) {
        this.startDeadline = positive(deadline, "start deadline");
        return this;
    }

    /**
     * @param maxDelay the longest delay a schedule uses (before {@code run}, before the stop, between stop
     *     deliveries); at least 1 ms. Longer delays open wider windows and make cycles slower.
     * @return this
     * @throws IllegalArgumentException if under 1 ms
     */
    public LifecycleStress maxDelay(Duration maxDelay) {
        if (maxDelay == null || maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("the longest delay must be at least 1 ms, was " + maxDelay);
        }
        this.maxDelay = maxDelay;
        return this;
    }

    /** @return the seed schedules are derived from */
    public long seed() {
        return seed;
    }

    /** @return the number of cycles {@link #run()} runs */
    public int cycles() {
        return cycles;
    }

    /**
     * Runs the cycles: the replay cycle first if one is set, then cycles 0 to {@code cycles - 1}. Stops at the
     * first cycle that does not stop cleanly.
     *
     * @return what was run, if every cycle was clean
     * @throws LifecycleStressFailure for the first cycle that was not clean
     * @throws IllegalStateException if the factory fails or does not build a new, unstarted group
     * @throws InterruptedException if interrupted; the cycle's group is stopped first
     */
    public StressResult run() throws InterruptedException {
        long began = System.nanoTime();
        String group = null;
        int done = 0;
        if (replayCycle >= 0) {
            group = runCycle(replayCycle, done++).group();
        }
        for (int c = 0; c < cycles; c++) {
            if (c != replayCycle) {
                group = runCycle(c, done++).group();
            }
        }
        StressResult result = new StressResult(group, seed, done, Duration.ofNanos(System.nanoTime() - began));
        LOG.log(System.Logger.Level.DEBUG, result::toString);
        return result;
    }

    /**
     * Runs one cycle: what {@link #run()} does for each. For benchmarks and for tools that drive cycles
     * themselves.
     *
     * @param cycle the cycle number, which with the seed decides the schedule; zero or more
     * @return the cycle's stop report, if it was clean
     * @throws LifecycleStressFailure if it was not clean
     * @throws IllegalStateException if the factory fails or does not build a new, unstarted group
     * @throws IllegalArgumentException if the cycle is negative
     * @throws InterruptedException if interrupted; the group is stopped first
     */
    public StopReport runCycle(int cycle) throws InterruptedException {
        if (cycle < 0) {
            throw new IllegalArgumentException("cycle must be zero or more, was " + cycle);
        }
        return runCycle(cycle, 0);
    }

    private StopReport runCycle(int cycle, int alreadyRun) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            StopReport report = attempt(cycle, alreadyRun, attempt);
            if (report != null) {
                return report;
            }
        }
    }

    /** @return the report of a clean, faithful run, or null if the run did not follow its schedule and may be retried */
    private StopReport attempt(int cycle, int alreadyRun, int attempt) throws InterruptedException {
        Group group = build(cycle);
        List<String> actors = group.actorNames();
        if (actors.isEmpty()) {
            throw new IllegalStateException("the app factory built group '" + group.name() + "' with no actors: nothing to stress");
        }
        Schedule schedule = Schedule.decide(seed, cycle, actors, maxDelay);
        String threadPrefix = group.name() + "/";
        long settleCap = Math.min(SETTLE_CAP_NANOS, stopDeadline.toNanos() / 2);
        String triggerName = uniqueName("stress-trigger", actors);
        TriggerActor trigger = new TriggerActor(schedule.trigger() == Schedule.Trigger.ACTOR_FAILS
                ? new InjectedFailure("failure injected by the lifecycle stress schedule (seed " + StressSeed.format(seed)
                        + ", cycle " + cycle + ")")
                : null);
        Map<String, String> settleBefore = new LinkedHashMap<>();
        List<SettleActor> settles = new ArrayList<>();
        boolean idleBeforeStop = true;
        List<String> taken = new ArrayList<>(actors);
        taken.add(triggerName);
        try {
            group.add(triggerName, trigger);
            long heldGap = 0;
            for (String a : schedule.stopOrder()) {
                if (schedule.settlesBeforeStop(a)) {
                    String name = uniqueName("stress-settle-before-" + a, taken);
                    taken.add(name);
                    settleBefore.put(a, name);
                    SettleActor settle = new SettleActor(a, heldGap == 0 ? 0 : heldGap + HOLD_MARGIN_NANOS, threadPrefix, settleCap);
                    settles.add(settle);
                    group.add(name, settle);
                }
                if (schedule.entersRunAfterStop(a)) {
                    heldGap = Math.max(heldGap, schedule.runDelay(a).toNanos());
                }
            }
            group.stopDeadline(stopDeadline).leakCheck(leakLinger).osSignals(false);
            GroupAccess.get().hooks(group, new ScheduleHooks(schedule, triggerName, settleBefore));
        } catch (IllegalStateException started) {
            throw new IllegalStateException("the app factory must build a new, unstarted group for every cycle; group '"
                    + group.name() + "' had already started", started);
        }
        RunningGroup running = group.start();
        List<Finding> findings = new ArrayList<>();
        StopReport report;
        try {
            if (schedule.stopMoment() == Schedule.StopMoment.BEFORE_READY) {
                pause(schedule.stopAfter());
            } else {
                findings.addAll(awaitReady(running));
                if (schedule.stopMoment() == Schedule.StopMoment.AFTER_READY) {
                    pause(schedule.stopAfter());
                }
            }
            // the stop finds the app idle: what the actors began (a thread they start, a resource they open) is
            // done or waiting, not half-way, so the cycle's outcome is the schedule's, whatever the load
            idleBeforeStop = Quiescence.await(threadPrefix, settleCap);
            if (schedule.trigger() == Schedule.Trigger.STOP_REQUESTED) {
                running.stop("lifecycle stress, cycle " + cycle);
            } else {
                trigger.fire();
            }
            report = running.awaitTermination(TERMINATION_GUARD).orElseThrow(() -> new IllegalStateException(
                    "group '" + running.name() + "' did not terminate within " + TERMINATION_GUARD + " in stress cycle " + cycle));
        } catch (InterruptedException e) {
            running.stop("lifecycle stress interrupted");
            throw e;
        }
        findings.addAll(check(report));
        String strayed = !idleBeforeStop ? "the app was not idle within " + Times.ms(Duration.ofNanos(settleCap)) + " before the stop"
                : settles.stream().anyMatch(st -> !st.settled()) ? "the app was not idle within "
                        + Times.ms(Duration.ofNanos(settleCap)) + " at a settle point"
                : Faithfulness.strayed(schedule, report, ENTRY_MARGIN).orElse(null);
        if (strayed != null && attempt < MAX_ATTEMPTS) {
            LOG.log(System.Logger.Level.DEBUG, () -> "stress cycle " + cycle + " of group '" + running.name() + "' run again: "
                    + strayed + (findings.isEmpty() ? "" : "; it found " + findings.get(0).message));
            return null;
        }
        if (!findings.isEmpty()) {
            throw failure(cycle, alreadyRun, schedule, report, triggerName, settleBefore, findings,
                    strayed == null ? null : "this run did not keep to the schedule (" + strayed + ") in " + attempt
                            + " tries: the machine may be too loaded for the replay to be exact");
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "stress cycle " + cycle + " of group '" + running.name() + "' clean, stop took "
                + Times.ms(report.stopDuration()));
        return report;
    }

    private Group build(int cycle) {
        Group group;
        try {
            group = factory.call();
        } catch (Exception e) {
            throw new IllegalStateException("the app factory failed in stress cycle " + cycle + ": " + e, e);
        }
        if (group == null) {
            throw new IllegalStateException("the app factory returned null in stress cycle " + cycle + "; it must build a new group");
        }
        return group;
    }

    private List<Finding> awaitReady(RunningGroup running) throws InterruptedException {
        try {
            running.awaitReady(startDeadline);
            return List.of();
        } catch (StartFailedException e) {
            if (running.stopCause().isPresent()) {
                return List.of(); // an actor ended first: the stop report tells whether that was a problem
            }
            List<Finding> notReady = new ArrayList<>();
            for (Throwable s : e.getSuppressed()) {
                if (s instanceof ActorException) {
                    ActorException a = (ActorException) s;
                    notReady.add(new Finding(a.actor(), a.problem(), a.getMessage(), a));
                }
            }
            if (notReady.isEmpty()) {
                notReady.add(new Finding(running.name(), ActorException.Problem.NOT_READY, e.getMessage(), e));
            }
            return notReady;
        }
    }

    private static List<Finding> check(StopReport report) {
        List<Finding> found = new ArrayList<>();
        StopCause cause = report.cause();
        if (cause.isFailure() && !(cause.getCause() instanceof InjectedFailure)) {
            found.add(new Finding(cause.actor(), ActorException.Problem.FAILED,
                    "actor '" + cause.actor() + "' failed: " + cause.getCause(), cause.getCause()));
        }
        for (ActorException p : report.problems()) {
            if (p.problem() == ActorException.Problem.FAILED && p.getCause() instanceof InjectedFailure) {
                continue;
            }
            found.add(new Finding(p.actor(), p.problem(), p.getMessage(), p));
        }
        return found;
    }

    private LifecycleStressFailure failure(int cycle, int alreadyRun, Schedule schedule, StopReport report, String trigger,
            Map<String, String> settleBefore, List<Finding> findings, String strayed) {
        Finding first = findings.get(0);
        String token = StressSeed.replay(seed, cycle).toString();
        StringBuilder m = new StringBuilder();
        m.append("lifecycle stress of group '").append(report.group()).append("' failed in cycle ").append(cycle)
                .append(" (seed ").append(StressSeed.format(seed)).append(alreadyRun > 0 ? ", after " + alreadyRun + " clean cycles" : "")
                .append("): ").append(first.message);
        if (findings.size() > 1) {
            m.append(" (and ").append(findings.size() - 1).append(" more problem").append(findings.size() == 2 ? "" : "s").append(')');
        }
        Optional<String> fact = CycleStory.keyFact(report, first.actor);
        fact.ifPresent(f -> m.append(NL).append("  ").append(f));
        if (strayed != null) {
            m.append(NL).append("  note: ").append(strayed);
        }
        m.append(NL).append("replay this cycle first: @LifecycleStress(seed = \"").append(token).append("\")")
                .append(" — or -Drunstop.stress.seed=").append(token)
                .append(", or LifecycleStress.of(factory).replay(\"").append(token).append("\")");
        m.append(NL).append("schedule of cycle ").append(cycle).append(':');
        for (String line : schedule.describe().split("\\R")) {
            m.append(NL).append("  ").append(line);
        }
        m.append(NL).append("  (added by the stress: '").append(trigger).append("', stopped last, ends the group")
                .append(" when an actor is to return or fail");
        if (!settleBefore.isEmpty()) {
            m.append("; ").append(settleBefore.values().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")))
                    .append(", whose stop waits until the app is idle");
        }
        m.append(')');
        List<String> added = new ArrayList<>();
        added.add(trigger);
        added.addAll(settleBefore.values());
        m.append(NL).append(CycleStory.tell(schedule, report, added));
        m.append(NL).append(report);
        return new LifecycleStressFailure(m.toString(), seed, cycle, schedule, report, findings);
    }

    private static String uniqueName(String wanted, List<String> taken) {
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }

    /** A delay the schedule decided on, not a wait for another thread. */
    private static void pause(Duration d) throws InterruptedException {
        long until = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during a lifecycle stress delay");
            }
        }
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "LifecycleStress[" + cycles + " cycles, seed " + StressSeed.format(seed)
                + (replayCycle >= 0 ? ", replaying cycle " + replayCycle + " first" : "") + "]";
    }
}
