package dev.runstop.stress;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.internal.GroupAccess;
import dev.runstop.internal.LifecycleHooks;
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
 * Runs an app's group through many start &rarr; stop cycles under seeded schedules, to bring out start-up
 * and shutdown races, and fails with a {@link LifecycleStressFailure} at the first cycle that does not stop
 * cleanly.
 *
 * <pre>{@code
 * StressResult result = LifecycleStress.of(App::group).run();   // PCT mode, cycles chosen from the bound
 * // a failure names the seed and cycle; run that cycle first with:
 * LifecycleStress.of(App::group).replay("5EED0F11FE5EED01:37").run();
 * }</pre>
 *
 * <p>Two modes ({@link StressMode}). In {@link StressMode#PCT PCT} mode (the default) each of the app's
 * lifecycle decisions (an actor entering {@code run}, going on after ready or after publishing a handle, the
 * stop, each stop delivery) is taken by priority once the app's own threads are idle, so a cycle replays
 * exactly and finds an ordering bug of depth {@code d} with probability at least {@code 1/(n·k^(d-1))}
 * ({@link StressResult#bound()}); unless told, enough cycles run to miss a depth-2 bug with at most 1%
 * probability. In {@link StressMode#RANDOM random} mode a cycle's start order, delays before {@code run},
 * stop moment and stop order are drawn at random and kept by the clock; a run of a cycle that a loaded
 * machine did not keep to is discarded and the cycle run again (up to 20 times).
 *
 * <p>Each cycle builds a new group with the factory, adds an actor that ends the group when the schedule
 * says an actor returns or fails and actors whose stop is a settle point, sets the lifecycle hooks from the
 * cycle's schedule (and turns real OS signals off), and otherwise keeps the group's own settings: its stop
 * deadline and leak check, unless {@link #stopDeadline} or {@link #leakLinger} override them. It checks the
 * {@link StopReport}: no straggler, no error but the one the schedule injected, no {@code stop} that threw or
 * hung, no session cut off, no thread left behind by the actors, and, where the schedule waits for it, every
 * actor ready within the start deadline. Waiting for the app to be idle looks at the app's own threads only
 * (its names and thread groups), not at the rest of the JVM. The schedule of a cycle depends only on the
 * mode, the seed, the cycle number and the actors' names (and the depth or the longest delay), so a seed
 * replays the same decisions; a replayed cycle that runs clean is reported as not reproduced. The factory
 * must build a new, unstarted group with the same actors on every call. Configure, then run from one
 * thread; a configured stress can be run more than once.
 */
public final class LifecycleStress {
    /** The seed used unless one is given: a run with no seed makes the same decisions every time. */
    public static final long DEFAULT_SEED = 0x5EED0F11FE5EED01L;
    /** Cycles run in {@link StressMode#RANDOM} mode unless told: 200. */
    public static final int DEFAULT_CYCLES = 200;
    /** The mode unless told: {@link StressMode#PCT}. */
    public static final StressMode DEFAULT_MODE = StressMode.PCT;
    /** The bug depth PCT mode aims at unless told: 2 (two orderings must both go the wrong way). */
    public static final int DEFAULT_DEPTH = 2;
    /** The chance of missing a bug of the aimed depth that the default PCT cycle count accepts: 1%. */
    public static final double DEFAULT_MISS = 0.01;
    /** The system property that sets the seed of every run: {@code SEED} or {@code SEED:CYCLE}, as a failure prints it. */
    public static final String SEED_KEY = "runstop.stress.seed";
    /** The system property that sets the mode of every run: {@code pct} or {@code random}. */
    public static final String MODE_KEY = "runstop.stress.mode";
    /** How long a cycle waits for readiness, when its schedule does, unless told: 5 s. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(5);
    /**
     * The longest delay a random schedule uses unless told: 2 ms. The races do not hang on it: a stop before
     * {@code run} is made exactly (the actor is held until its stop), and the app is let settle by watching
     * its threads, not the clock; the delays only spread the other events apart.
     */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(2);
    /** The longest wait for the app to be idle at a settle point. */
    private static final long SETTLE_CAP_NANOS = Duration.ofMillis(250).toNanos();
    /** In PCT mode, the slices a readiness wait is made of. */
    private static final long READY_SLICE_NANOS = Duration.ofMillis(20).toNanos();
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
    private Integer cycles;
    private long seed = DEFAULT_SEED;
    private int replayCycle = -1;
    private StressMode mode;
    private int depth = DEFAULT_DEPTH;
    private StressShard shard;
    private Duration stopDeadline;
    private Duration leakLinger;
    private Duration startDeadline = DEFAULT_START_DEADLINE;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    /** What the cycles run so far did, for the result; reset by {@link #run()}. */
    private final Counters counters = new Counters();

    /** What cycles did, beyond clean or not: settle waits, runs again, decisions. */
    static final class Counters {
        int settles;
        int settlesTimedOut;
        int runsAgain;
        int maxDecisions;
        int actors;
    }

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
     * @param cycles how many cycles to run (split among shards, if sharded); positive. Unless set: in
     *     {@link StressMode#PCT} mode enough for a bug of the aimed depth to be missed with at most 1%
     *     probability (see {@link StressResult#bound()}), in {@link StressMode#RANDOM} mode {@value #DEFAULT_CYCLES}
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
     * @param mode how schedules are decided; unless set, the system property {@value #MODE_KEY}, else
     *     {@link #DEFAULT_MODE}
     * @return this
     * @throws IllegalArgumentException if null
     */
    public LifecycleStress mode(StressMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("stress mode must not be null");
        }
        this.mode = mode;
        return this;
    }

    /**
     * @param depth in {@link StressMode#PCT} mode, the depth of ordering bugs aimed at (the number of
     *     orderings that must all go one way): {@code depth - 1} change points a cycle; 1 to 5
     * @return this
     * @throws IllegalArgumentException if not 1 to 5
     */
    public LifecycleStress depth(int depth) {
        if (depth < 1 || depth > 5) {
            throw new IllegalArgumentException("bug depth must be 1 to 5, was " + depth);
        }
        this.depth = depth;
        return this;
    }

    /**
     * Runs only one slice of the cycles: shard {@code i} of {@code m} runs the {@code i}-th of {@code m}
     * contiguous, disjoint ranges. Unless set, the system property {@value StressShard#KEY} names it.
     *
     * @param shard such as {@code StressShard.parse("2/8")}
     * @return this
     * @throws IllegalArgumentException if null
     */
    public LifecycleStress shard(StressShard shard) {
        if (shard == null) {
            throw new IllegalArgumentException("stress shard must not be null");
        }
        this.shard = shard;
        return this;
    }

    /**
     * @param deadline the stop deadline of the group's actors in each cycle (actors with one of their own
     *     keep it), counted from each actor's own stop delivery; positive. Unless set, the group's own
     *     ({@link Group#stopDeadline(Duration)}), as the app or the test class configured it.
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public LifecycleStress stopDeadline(Duration deadline) {
        this.stopDeadline = positive(deadline, "stop deadline");
        return this;
    }

    /**
     * @param linger how long threads the actors started may take to end after the group stopped before they
     *     count as leaked; zero turns the leak check off. Unless set, the group's own
     *     ({@link Group#leakCheck(Duration)}).
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
     * @param maxDelay the longest delay a {@link StressMode#RANDOM} schedule uses (before {@code run}, before
     *     the stop, between stop deliveries); at least 1 ms. Longer delays open wider windows and make cycles
     *     slower.
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

    /** @return the seed schedules are derived from (before the system property {@value #SEED_KEY} is read) */
    public long seed() {
        return seed;
    }

    /** @return the mode {@link #run()} uses */
    public StressMode mode() {
        return mode != null ? mode : modeFromProperty().orElse(DEFAULT_MODE);
    }

    /**
     * Runs the cycles: the replay cycle first if one is set, then this shard's slice of cycles 0 to
     * {@code cycles - 1}. Stops at the first cycle that does not stop cleanly. The system property
     * {@value #SEED_KEY} (a replay line's {@code -D} form), if set, wins over the seed set here;
     * {@value StressShard#KEY} and {@value #MODE_KEY} apply unless a shard or mode was set here.
     *
     * @return what was run, if every cycle was clean
     * @throws LifecycleStressFailure for the first cycle that was not clean
     * @throws IllegalStateException if the factory fails or does not build a new, unstarted group
     * @throws IllegalArgumentException if a system property is malformed
     * @throws InterruptedException if interrupted; the cycle's group is stopped first
     */
    public StressResult run() throws InterruptedException {
        long began = System.nanoTime();
        Optional<StressSeed> fromProperty = property(SEED_KEY).map(StressSeed::parse);
        long runSeed = fromProperty.map(StressSeed::seed).orElse(seed);
        int replay = fromProperty.isPresent() ? fromProperty.get().replayCycle().orElse(-1) : replayCycle;
        StressShard slice = shard != null ? shard : property(StressShard.KEY).map(StressShard::parse).orElse(null);
        StressMode runMode = mode();
        long keptSeed = seed;
        seed = runSeed;
        try {
            int actors = actorCount();
            int total = cycles != null ? cycles
                    : runMode == StressMode.PCT ? PctSchedule.cyclesFor(PctSchedule.bound(actors, depth), DEFAULT_MISS) : DEFAULT_CYCLES;
            int from = slice == null ? 0 : slice.from(total);
            int to = slice == null ? total : slice.to(total);
            Counters c = counters;
            c.settles = 0;
            c.settlesTimedOut = 0;
            c.runsAgain = 0;
            c.maxDecisions = 0;
            c.actors = actors;
            String group = null;
            int done = 0;
            String replayNote = null;
            if (replay >= 0) {
                group = runCycle(runMode, replay, done++, null).group();
                replayNote = "replay of " + StressSeed.replay(runSeed, replay) + ": not reproduced on replay: the race depends on"
                        + " timing outside the schedule (the replayed cycle was clean; the other cycles run on)";
                LOG.log(System.Logger.Level.WARNING, replayNote);
            }
            for (int cycle = from; cycle < to; cycle++) {
                if (cycle != replay) {
                    group = runCycle(runMode, cycle, done++, replayNote).group();
                }
            }
            StressResult result = new StressResult(group, runSeed, done, Duration.ofNanos(System.nanoTime() - began), runMode,
                    depth, actors, slice, from, to, total, replayNote, c.settles, c.settlesTimedOut, c.runsAgain, c.maxDecisions);
            LOG.log(System.Logger.Level.DEBUG, result::toString);
            return result;
        } finally {
            seed = keptSeed;
        }
    }

    /**
     * Runs one cycle: what {@link #run()} does for each, with the seed and mode set here. For benchmarks and
     * for tools that drive cycles themselves.
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
        return runCycle(mode(), cycle, 0, null);
    }

    /** @return the settle waits, runs again and decisions of the cycles run so far (reset by {@link #run()}) */
    Counters counters() {
        return counters;
    }

    private int actorCount() {
        Group probe = build(0);
        return probe.actorNames().size();
    }

    private StopReport runCycle(StressMode runMode, int cycle, int alreadyRun, String replayNote) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            StopReport report = runMode == StressMode.PCT ? attemptPct(cycle, alreadyRun, attempt, replayNote)
                    : attempt(cycle, alreadyRun, attempt, replayNote);
            if (report != null) {
                return report;
            }
            counters.runsAgain++;
        }
    }

    /** Sets what the stress may set on a cycle's group: its own stop deadline and leak check unless overridden. */
    private Duration configure(Group group, LifecycleHooks hooks) {
        if (stopDeadline != null) {
            group.stopDeadline(stopDeadline);
        }
        if (leakLinger != null) {
            group.leakCheck(leakLinger);
        }
        group.osSignals(false);
        GroupAccess.get().hooks(group, hooks);
        return group.stopDeadline();
    }

    /** @return the report of a clean, faithful run, or null if the run did not follow its schedule and may be retried */
    private StopReport attempt(int cycle, int alreadyRun, int attempt, String replayNote) throws InterruptedException {
        Group group = build(cycle);
        List<String> actors = group.actorNames();
        if (actors.isEmpty()) {
            throw new IllegalStateException("the app factory built group '" + group.name() + "' with no actors: nothing to stress");
        }
        Schedule schedule = Schedule.decide(seed, cycle, actors, maxDelay);
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
        long settleCap;
        try {
            group.add(triggerName, trigger);
            long heldGap = 0;
            Duration deadline = stopDeadline != null ? stopDeadline : group.stopDeadline();
            settleCap = Math.min(SETTLE_CAP_NANOS, deadline.toNanos() / 2);
            for (String a : schedule.stopOrder()) {
                if (schedule.settlesBeforeStop(a)) {
                    String name = uniqueName("stress-settle-before-" + a, taken);
                    taken.add(name);
                    settleBefore.put(a, name);
                    SettleActor settle = new SettleActor(a, heldGap == 0 ? 0 : heldGap + HOLD_MARGIN_NANOS, group.name(), settleCap);
                    settles.add(settle);
                    group.add(name, settle);
                }
                if (schedule.entersRunAfterStop(a)) {
                    heldGap = Math.max(heldGap, schedule.runDelay(a).toNanos());
                }
            }
            configure(group, new ScheduleHooks(schedule, triggerName, settleBefore));
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
            idleBeforeStop = Quiescence.await(group.name(), settleCap);
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
        counters.settles += settles.size() + 1;
        counters.settlesTimedOut += (idleBeforeStop ? 0 : 1) + (int) settles.stream().filter(st -> !st.settled()).count();
        long cap = settleCap;
        String strayed = !idleBeforeStop ? "the app was not idle within " + Times.ms(Duration.ofNanos(cap)) + " before the stop"
                : settles.stream().anyMatch(st -> !st.settled()) ? "the app was not idle within "
                        + Times.ms(Duration.ofNanos(cap)) + " at a settle point"
                : Faithfulness.strayed(schedule, report, ENTRY_MARGIN).orElse(null);
        if (strayed != null && attempt < MAX_ATTEMPTS) {
            LOG.log(System.Logger.Level.DEBUG, () -> "stress cycle " + cycle + " of group '" + running.name() + "' run again: "
                    + strayed + (findings.isEmpty() ? "" : "; it found " + findings.get(0).message));
            return null;
        }
        if (!findings.isEmpty()) {
            List<String> added = new ArrayList<>();
            added.add(triggerName);
            added.addAll(settleBefore.values());
            String addedNote = "(added by the stress: '" + triggerName + "', stopped last, ends the group when an actor is to return or fail"
                    + (settleBefore.isEmpty() ? "" : "; " + settleBefore.values().stream().map(n -> "'" + n + "'")
                            .collect(Collectors.joining(", ")) + ", whose stop waits until the app is idle") + ")";
            throw failure(StressMode.RANDOM, cycle, alreadyRun, schedule, schedule.describe(), addedNote, null, schedule.startOrder(),
                    report, added, findings, strayed == null ? null : "this run did not keep to the schedule (" + strayed + ") in " + attempt
                            + " tries: the machine may be too loaded for the replay to be exact", replayNote);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "stress cycle " + cycle + " of group '" + running.name() + "' clean, stop took "
                + Times.ms(report.stopDuration()));
        return report;
    }

    /** A PCT cycle: each lifecycle decision taken by priority once the app is idle. @return as {@link #attempt} */
    private StopReport attemptPct(int cycle, int alreadyRun, int attempt, String replayNote) throws InterruptedException {
        Group group = build(cycle);
        List<String> actors = group.actorNames();
        if (actors.isEmpty()) {
            throw new IllegalStateException("the app factory built group '" + group.name() + "' with no actors: nothing to stress");
        }
        PctSchedule schedule = PctSchedule.decide(seed, cycle, actors, depth);
        String triggerName = uniqueName("stress-trigger", actors);
        TriggerActor trigger = new TriggerActor(schedule.trigger() == Schedule.Trigger.ACTOR_FAILS
                ? new InjectedFailure("failure injected by the lifecycle stress schedule (seed " + StressSeed.format(seed)
                        + ", cycle " + cycle + ")")
                : null);
        PctDriver driver = new PctDriver(schedule, triggerName);
        long cap;
        try {
            group.add(triggerName, trigger);
            Duration deadline = stopDeadline != null ? stopDeadline : group.stopDeadline();
            cap = Math.min(SETTLE_CAP_NANOS, deadline.toNanos() / 2);
            configure(group, driver);
        } catch (IllegalStateException started) {
            throw new IllegalStateException("the app factory must build a new, unstarted group for every cycle; group '"
                    + group.name() + "' had already started", started);
        }
        RunningGroup running = group.start();
        running.termination().thenRun(driver::groupEnded);
        List<Finding> findings = new ArrayList<>();
        String strayed = null;
        int settles = 0;
        int timedOut = 0;
        StopReport report;
        try {
            boolean stopCame = false;
            // a thread still starting inside the JVM may look idle: no decision before each actor is at its gate
            driver.awaitAllArrived(startDeadline.toNanos());
            while (running.report().isEmpty()) {
                settles++;
                if (!stopCame && running.stopCause().isPresent()) {
                    stopCame = true; // the app ended by itself: its stop deliveries are still the schedule's
                }
                boolean idle = Quiescence.await(group.name(), cap);
                boolean startUpPending = driver.appPending();
                String who = driver.decide(!stopCame);
                if (!idle && who != null) {
                    timedOut++;
                    if (strayed == null) {
                        strayed = "the app was not idle within " + Times.ms(Duration.ofNanos(cap)) + " before decision "
                                + driver.decisions();
                    }
                }
                if (PctSchedule.STOP.equals(who)) {
                    stopCame = true;
                    if (!startUpPending) {
                        // the app is idle with no start-up decision pending: every actor should be ready. Waited for
                        // in slices, so that an actor that reaches a decision point meanwhile (it was not idle, only
                        // held up inside the JVM) is seen: then this run strayed and is run again
                        long until = System.nanoTime() + startDeadline.toNanos();
                        while (true) {
                            long left = until - System.nanoTime();
                            List<Finding> notReady = awaitReady(running, Duration.ofNanos(Math.max(1, Math.min(left, READY_SLICE_NANOS))));
                            if (notReady.isEmpty()) {
                                break;
                            }
                            if (driver.appPending()) {
                                if (strayed == null) {
                                    strayed = "an actor reached a decision point after the app looked idle, before decision "
                                            + driver.decisions();
                                }
                                break;
                            }
                            if (until - System.nanoTime() <= 0) {
                                findings.addAll(notReady);
                                break;
                            }
                        }
                    }
                    if (schedule.trigger() == Schedule.Trigger.STOP_REQUESTED) {
                        running.stop("lifecycle stress, cycle " + cycle);
                    } else {
                        trigger.fire();
                    }
                } else if (who == null) {
                    driver.awaitArrival(20_000_000); // woken by a thread reaching a decision point, or the group's end
                }
            }
        } catch (InterruptedException e) {
            driver.finish();
            running.stop("lifecycle stress interrupted");
            throw e;
        } finally {
            driver.finish();
        }
        report = running.awaitTermination(TERMINATION_GUARD).orElseThrow(() -> new IllegalStateException(
                "group '" + running.name() + "' did not terminate within " + TERMINATION_GUARD + " in stress cycle " + cycle));
        findings.addAll(check(report));
        counters.settles += settles;
        counters.settlesTimedOut += timedOut;
        counters.maxDecisions = Math.max(counters.maxDecisions, driver.decisions());
        String why = strayed;
        if (why != null && attempt < MAX_ATTEMPTS) {
            LOG.log(System.Logger.Level.DEBUG, () -> "stress cycle " + cycle + " of group '" + running.name() + "' run again: "
                    + why + (findings.isEmpty() ? "" : "; it found " + findings.get(0).message));
            return null;
        }
        if (!findings.isEmpty()) {
            List<String> added = List.of(triggerName);
            String addedNote = "(added by the stress: '" + triggerName + "', stopped last, ends the group when an actor is to return or"
                    + " fail)";
            throw failure(StressMode.PCT, cycle, alreadyRun, null, schedule.describe(), addedNote, driver.trace(), schedule.startOrder(),
                    report, added, findings, why == null ? null : "this run did not keep to the schedule (" + why + ") in " + attempt
                            + " tries: the app was busy on its own, so the replay may not be exact", replayNote);
        }
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
        return awaitReady(running, startDeadline);
    }

    private static List<Finding> awaitReady(RunningGroup running, Duration timeout) throws InterruptedException {
        try {
            running.awaitReady(timeout);
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

    private LifecycleStressFailure failure(StressMode runMode, int cycle, int alreadyRun, Schedule schedule, String plan, String addedNote,
            String trace, List<String> startOrder, StopReport report, List<String> added, List<Finding> findings, String strayed,
            String replayNote) {
        Finding first = findings.get(0);
        String token = StressSeed.replay(seed, cycle).toString();
        StringBuilder m = new StringBuilder();
        m.append("lifecycle stress of group '").append(report.group()).append("' failed in cycle ").append(cycle)
                .append(" (seed ").append(StressSeed.format(seed)).append(", ").append(runMode).append(" mode")
                .append(alreadyRun > 0 ? ", after " + alreadyRun + " clean cycles" : "").append("): ").append(first.message);
        if (findings.size() > 1) {
            m.append(" (and ").append(findings.size() - 1).append(" more problem").append(findings.size() == 2 ? "" : "s").append(')');
        }
        Optional<String> fact = CycleStory.keyFact(report, first.actor);
        fact.ifPresent(f -> m.append(NL).append("  ").append(f));
        if (strayed != null) {
            m.append(NL).append("  note: ").append(strayed);
        }
        if (replayNote != null) {
            m.append(NL).append("  note: ").append(replayNote);
        }
        m.append(NL).append("replay this cycle first: ").append(replayLine(token, runMode));
        m.append(NL).append("schedule of cycle ").append(cycle).append(':');
        for (String line : plan.split("\\R")) {
            m.append(NL).append("  ").append(line);
        }
        m.append(NL).append("  ").append(addedNote);
        if (trace != null) {
            m.append(NL).append("decisions taken, each once the app was idle:");
            for (String line : trace.split("\\R")) {
                m.append(NL).append("  ").append(line);
            }
        }
        m.append(NL).append(CycleStory.tell(startOrder, report, added));
        m.append(NL).append(report);
        return new LifecycleStressFailure(m.toString(), seed, cycle, runMode, depth, schedule, plan, report, findings);
    }

    /** @return the line that replays a cycle, in its three forms, naming the mode and depth where they are not the defaults */
    private String replayLine(String token, StressMode runMode) {
        boolean defaultMode = runMode == DEFAULT_MODE;
        boolean defaultDepth = depth == DEFAULT_DEPTH || runMode != StressMode.PCT;
        String annotation = "@LifecycleStress(seed = \"" + token + "\"" + (defaultMode ? "" : ", mode = \"" + runMode + "\"")
                + (defaultDepth ? "" : ", depth = " + depth) + ")";
        String property = "-D" + SEED_KEY + "=" + token + (defaultMode ? "" : " -D" + MODE_KEY + "=" + runMode);
        String api = "LifecycleStress.of(factory)" + (defaultMode ? "" : ".mode(StressMode." + runMode.name() + ")")
                + (defaultDepth ? "" : ".depth(" + depth + ")") + ".replay(\"" + token + "\")";
        return annotation + " — or " + property + ", or " + api;
    }

    private static Optional<String> property(String key) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<StressMode> modeFromProperty() {
        return property(MODE_KEY).map(StressMode::parse);
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
        return "LifecycleStress[" + mode() + " mode, " + (cycles == null ? "default" : String.valueOf(cycles)) + " cycles, seed "
                + StressSeed.format(seed)
                + (replayCycle >= 0 ? ", replaying cycle " + replayCycle + " first" : "") + "]";
    }
}
