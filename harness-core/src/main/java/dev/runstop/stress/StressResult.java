package dev.runstop.stress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a stress run that found nothing did: how many cycles, from which seed, in which mode, which shard's
 * slice, how fast, and in {@link StressMode#PCT} mode the stated chance of finding an ordering bug. Immutable.
 */
public final class StressResult {
    private final String group;
    private final long seed;
    private final int cycles;
    private final Duration elapsed;
    private final StressMode mode;
    private final int depth;
    private final int actors;
    private final StressShard shard;
    private final int from;
    private final int to;
    private final int total;
    private final String replayNote;
    private final int settles;
    private final int settlesTimedOut;
    private final int runsAgain;
    private final int maxDecisions;

    StressResult(String group, long seed, int cycles, Duration elapsed, StressMode mode, int depth, int actors, StressShard shard,
            int from, int to, int total, String replayNote, int settles, int settlesTimedOut, int runsAgain, int maxDecisions) {
        this.group = group;
        this.seed = seed;
        this.cycles = cycles;
        this.elapsed = elapsed;
        this.mode = mode;
        this.depth = depth;
        this.actors = actors;
        this.shard = shard;
        this.from = from;
        this.to = to;
        this.total = total;
        this.replayNote = replayNote;
        this.settles = settles;
        this.settlesTimedOut = settlesTimedOut;
        this.runsAgain = runsAgain;
        this.maxDecisions = maxDecisions;
    }

    /** @return the name of the group that was stressed */
    public String group() {
        return group;
    }

    /** @return the seed the schedules were derived from */
    public long seed() {
        return seed;
    }

    /** @return the number of cycles run, all clean (the replayed cycle included) */
    public int cycles() {
        return cycles;
    }

    /** @return the wall time of the whole run */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return the mode the schedules were decided in */
    public StressMode mode() {
        return mode;
    }

    /** @return the app's actor count (without the actors the stress adds) */
    public int actors() {
        return actors;
    }

    /** @return the shard this run was, if it was one */
    public Optional<StressShard> shard() {
        return Optional.ofNullable(shard);
    }

    /** @return the first cycle of the slice run (0 unless sharded) */
    public int fromCycle() {
        return from;
    }

    /** @return one past the last cycle of the slice run */
    public int toCycle() {
        return to;
    }

    /** @return the cycles of the whole run, over all shards */
    public int totalCycles() {
        return total;
    }

    /**
     * @return in PCT mode, PCT's lower bound on the chance that one cycle finds an ordering bug of the aimed
     *     depth {@code d}: {@code 1/(n·k^(d-1))} for {@code n} = actors + 1 (the stop) and {@code k} =
     *     4·actors + 1 decision points; empty in random mode
     */
    public OptionalDouble bound() {
        return mode == StressMode.PCT ? OptionalDouble.of(PctSchedule.bound(actors, depth)) : OptionalDouble.empty();
    }

    /** @return the bug depth PCT mode aimed at */
    public int depth() {
        return depth;
    }

    /**
     * @return if a replayed cycle ran clean: the note saying so ("not reproduced on replay: the race depends
     *     on timing outside the schedule")
     */
    public Optional<String> replayNote() {
        return Optional.ofNullable(replayNote);
    }

    /** @return how often a cycle waited for the app to be idle */
    public int settles() {
        return settles;
    }

    /** @return how many of those waits gave up before the app was idle */
    public int settlesTimedOut() {
        return settlesTimedOut;
    }

    /** @return how many runs of a cycle were discarded and run again because the app or machine did not keep to the schedule */
    public int runsAgain() {
        return runsAgain;
    }

    /** @return in PCT mode, the most decisions one cycle took */
    public int maxDecisions() {
        return maxDecisions;
    }

    /** @return clean cycles per second of wall time */
    public double cyclesPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return cycles * 1e9 / nanos;
    }

    /**
     * @return the bound in words, such as {@code each cycle finds an ordering bug of depth 2 with probability
     *     >= 1/85 (PCT: 1/(n·k^(d-1)), n = 5 threads (4 actors and the stop), k = 17 decision points); 389 cycles
     *     miss one with probability <= 1.0%}; empty in random mode
     */
    public Optional<String> boundText() {
        if (mode != StressMode.PCT) {
            return Optional.empty();
        }
        int n = actors + 1;
        int k = PctSchedule.decisionPoints(actors);
        double p = PctSchedule.bound(actors, depth);
        double miss = Math.pow(1 - p, total);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "each cycle finds an ordering bug of depth %d with probability >= 1/%.0f (PCT: 1/(n·k^(d-1)), n = %d threads"
                        + " (%d actors and the stop), k = %d decision points); %d cycles miss one with probability <= %.1f%%",
                depth, 1 / p, n, actors, k, total, miss * 100));
        if (depth > 1) {
            double p1 = PctSchedule.bound(actors, 1);
            out.append(String.format(Locale.ROOT, "; depth 1: >= 1/%d a cycle", Math.round(1 / p1)));
        }
        if (maxDecisions > k) {
            out.append(String.format(Locale.ROOT, "; note: a cycle took %d decisions, more than the %d budgeted, so the bound holds"
                    + " for bugs whose change points fall among the first %d", maxDecisions, k, k));
        }
        return Optional.of(out.toString());
    }

    /**
     * @return one paragraph, such as {@code 389 clean cycles of group 'app' in 2.950 s (132 cycles/s), seed
     *     5EED0F11FE5EED01, pct mode}, then the bound, the shard's slice and how to replay one of its cycles,
     *     and the replay note if any
     */
    @Override
    public String toString() {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d clean cycles of group '%s' in %s (%.0f cycles/s), seed %s, %s mode",
                cycles, group, Times.ms(elapsed), cyclesPerSecond(), StressSeed.format(seed), mode));
        boundText().ifPresent(b -> out.append(nl).append("  ").append(b));
        if (shard != null) {
            out.append(nl).append(String.format(Locale.ROOT, "  shard %s: cycles %d to %d of %d; replay one with -D%s=%s:%d",
                    shard, from, to - 1, total, LifecycleStress.SEED_KEY, StressSeed.format(seed), from));
        }
        if (replayNote != null) {
            out.append(nl).append("  ").append(replayNote);
        }
        return out.toString();
    }
}
