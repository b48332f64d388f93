package dev.runstop.stress;

import java.time.Duration;
import java.util.Locale;

/** Formats durations the way schedules and stories print them: {@code 0 ms}, {@code 50 µs}, {@code 1.4 ms}, {@code 12 ms}, {@code 1.203 s}. */
final class Times {
    private Times() {
    }

    static String ms(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 0) {
            return "-" + ms(d.negated());
        }
        if (nanos == 0) {
            return "0 ms";
        }
        if (nanos < 100_000) {
            return (nanos / 1000) + " µs";
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000) {
            return (nanos / 1_000_000) + " ms";
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
