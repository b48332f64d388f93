package dev.runstop;

import java.time.Duration;

/** Formatting and checking of durations, the way reports print them. */
final class Durations {
    private Durations() {
    }

    /**
     * The longest duration the runtime counts: 100 years. Longer ones (up to {@link java.time.temporal.ChronoUnit#FOREVER})
     * are accepted and mean "effectively forever"; they are counted as this, so deadline arithmetic never
     * overflows.
     */
    static final Duration FOREVER = Duration.ofDays(36_500);
    private static final long FOREVER_NANOS = FOREVER.toNanos();

    /** @return the duration in nanoseconds, saturated at {@link #FOREVER} */
    static long nanos(Duration d) {
        return d.compareTo(FOREVER) >= 0 ? FOREVER_NANOS : d.toNanos();
    }

    static Duration requirePositive(Duration d, String what) {
        if (d == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    /** {@code 850µs}, {@code 12ms}, {@code 1.203s}, {@code 2m03s}. */
    static String format(Duration d) {
        if (d.compareTo(FOREVER) >= 0) {
            return "forever";
        }
        if (d.compareTo(FOREVER.negated()) <= 0) {
            return "-forever";
        }
        return formatNanos(d.toNanos());
    }

    static String formatNanos(long nanos) {
        if (nanos < 0) {
            return "-" + formatNanos(-nanos);
        }
        if (nanos < 1_000_000) {
            return (nanos / 1_000) + "µs";
        }
        if (nanos < 1_000_000_000) {
            return (nanos / 1_000_000) + "ms";
        }
        if (nanos < 60_000_000_000L) {
            long millis = nanos / 1_000_000;
            return millis % 1000 == 0 ? (millis / 1000) + "s" : String.format("%d.%03ds", millis / 1000, millis % 1000);
        }
        long seconds = nanos / 1_000_000_000;
        return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
