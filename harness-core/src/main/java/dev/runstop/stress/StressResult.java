package dev.runstop.stress;

import java.time.Duration;
import java.util.Locale;

/** What a stress run that found nothing did: how many cycles, from which seed, how fast. Immutable. */
public final class StressResult {
    private final String group;
    private final long seed;
    private final int cycles;
    private final Duration elapsed;

    StressResult(String group, long seed, int cycles, Duration elapsed) {
        this.group = group;
        this.seed = seed;
        this.cycles = cycles;
        this.elapsed = elapsed;
    }

    /** @return the name of the group that was stressed */
    public String group() {
        return group;
    }

    /** @return the seed the schedules were derived from */
    public long seed() {
        return seed;
    }

    /** @return the number of cycles run, all clean */
    public int cycles() {
        return cycles;
    }

    /** @return the wall time of the whole run */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return clean cycles per second of wall time */
    public double cyclesPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return cycles * 1e9 / nanos;
    }

    /** @return one line, such as {@code 200 clean cycles of group 'app' in 0.950 s (210 cycles/s), seed 5EED0F11FE5EED01} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d clean cycles of group '%s' in %s (%.0f cycles/s), seed %s", cycles, group,
                Times.ms(elapsed), cyclesPerSecond(), StressSeed.format(seed));
    }
}
