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
            return millis % 1000 == 0 ? (millis / 1000) + "s" : (millis / 1000) + "." + padded(millis % 1000, 3) + "s";
        }
        long seconds = nanos / 1_000_000_000;
        return (seconds / 60) + "m" + padded(seconds % 60, 2) + "s";
    }

    /** A non-negative number with leading zeros to the given width: {@code padded(7, 3)} is {@code 007}. */
    static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    /**
     * A number rounded to the given decimals (0 to 3), without the cost of {@code String.format}:
     * {@code decimal(12.345, 1)} is {@code 12.3}, {@code decimal(-0.04, 1)} is {@code 0.0}.
     */
    static String decimal(double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long scaled = Math.round(Math.abs(value) * scale);
        String sign = value < 0 && scaled != 0 ? "-" : "";
        return decimals == 0 ? sign + scaled : sign + (scaled / scale) + "." + padded(scaled % scale, decimals);
    }
}
