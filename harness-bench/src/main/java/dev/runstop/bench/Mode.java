package dev.runstop.bench;

/** How long and how large a run is: the full run, the quick one, or the minimal smoke run of the tests. */
enum Mode {
    /** Minimal sizes, one round each: checks that every benchmark works, measures nothing useful. */
    SMOKE(0, 1, 1),
    /** Finishes in well under three minutes on two cores. */
    QUICK(2, 10, 120),
    /** More rounds, longer rounds and the largest sizes. */
    FULL(3, 10, 400);

    /** Rounds of each variant run and thrown away before measuring. */
    final int warmupRounds;
    /** Measured rounds of each variant. */
    final int rounds;
    /** The least time one round of a repeated operation runs for. */
    final long roundMillis;

    Mode(int warmupRounds, int rounds, long roundMillis) {
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
        this.roundMillis = roundMillis;
    }

    /** @return {@code smoke} if this is the smoke mode, else {@code quick} or {@code full} */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
