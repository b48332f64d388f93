package dev.runstop.stress;

import java.util.Locale;

/** How a lifecycle stress run decides each cycle's schedule. */
public enum StressMode {
    /**
     * Probabilistic concurrency testing (PCT, Burckhardt et al., ASPLOS 2010) over the app's lifecycle
     * decisions: which actor enters {@code run} next, which actor goes on after becoming ready or publishing
     * a handle, when the stop comes, and each stop delivery. Each decision is taken only once the app is
     * idle, by priority: the actors and the stop get distinct random priorities, lowered at {@code d - 1}
     * random change points. A cycle finds any ordering bug of depth {@code d} with probability at least
     * {@code 1/(n·k^(d-1))} for {@code n} actors (counting the stop) and {@code k} decision points; the
     * result states it. Nothing is kept by the clock, so a replay repeats the cycle's decisions exactly.
     */
    PCT,
    /**
     * Random schedules: a random start order and delays before {@code run} (a step apart, kept by the
     * clock), "stop before run" made exact, a random stop moment, stop order and settle points. No stated
     * bound; a run of a cycle in which a loaded machine did not keep the planned order is run again.
     */
    RANDOM;

    /**
     * @param text {@code pct} or {@code random}, any case
     * @return the mode
     * @throws IllegalArgumentException for anything else
     */
    public static StressMode parse(String text) {
        if (text != null) {
            for (StressMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("stress mode '" + text + "' is not pct or random");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
