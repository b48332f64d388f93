package dev.runstop.stress;

import dev.runstop.ActorException;
import dev.runstop.StopReport;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stress cycle that did not stop cleanly. Its message says, in one read: the seed and cycle, the first
 * problem and the fact of the schedule that most likely opened it, the line that replays the cycle, the
 * schedule in words, what each actor did and when, and the stop report. The first problem is the cause
 * (for a straggler or leaked thread its stack trace is that thread's); the others are suppressed.
 */
public final class LifecycleStressFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int cycle;
    private final StressMode mode;
    private final int depth;
    private final String plan;
    private final transient Schedule schedule;
    private final transient StopReport report;
    private final Set<ActorException.Problem> problems;
    private final Set<String> actors;

    LifecycleStressFailure(String message, long seed, int cycle, StressMode mode, int depth, Schedule schedule, String plan,
            StopReport report, List<Finding> findings) {
        super(message, findings.get(0).error);
        this.seed = seed;
        this.cycle = cycle;
        this.mode = mode;
        this.depth = depth;
        this.plan = plan;
        this.schedule = schedule;
        this.report = report;
        EnumSet<ActorException.Problem> kinds = EnumSet.noneOf(ActorException.Problem.class);
        Set<String> names = new LinkedHashSet<>();
        for (Finding f : findings) {
            kinds.add(f.problem);
            names.add(f.actor);
        }
        this.problems = Collections.unmodifiableSet(kinds);
        this.actors = Collections.unmodifiableSet(names);
        for (int i = 1; i < findings.size(); i++) {
            if (findings.get(i).error != null && findings.get(i).error != getCause()) {
                addSuppressed(findings.get(i).error);
            }
        }
    }

    /** @return the seed of the stress run */
    public long seed() {
        return seed;
    }

    /** @return the number of the cycle that failed */
    public int cycle() {
        return cycle;
    }

    /**
     * @return the token that replays the failing cycle first, {@code SEED:CYCLE}, for
     *     {@link LifecycleStress#replay(String)}, the JUnit annotation's {@code seed} attribute or the
     *     {@code runstop.stress.seed} configuration parameter or system property (with the same {@link #mode()})
     */
    public String replaySeed() {
        return StressSeed.replay(seed, cycle).toString();
    }

    /** @return the failing cycle's schedule in {@link StressMode#RANDOM} mode; null in PCT mode (see {@link #plan()}) */
    public Schedule schedule() {
        return schedule;
    }

    /** @return the failing cycle's schedule in words, in either mode */
    public String plan() {
        return plan;
    }

    /** @return the mode the failing cycle was decided in; a replay must use it too */
    public StressMode mode() {
        return mode;
    }

    /** @return the bug depth PCT mode aimed at */
    public int depth() {
        return depth;
    }

    /** @return the failing cycle's stop report */
    public StopReport report() {
        return report;
    }

    /** @return the kinds of problem found: straggler, failed, stop threw, leaked thread, session cut off, not ready */
    public Set<ActorException.Problem> problems() {
        return problems;
    }

    /** @return the actors the problems belong to, first problem first */
    public Set<String> actors() {
        return actors;
    }
}
