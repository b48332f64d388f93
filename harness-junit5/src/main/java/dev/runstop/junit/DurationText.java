package dev.runstop.junit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Reads deadlines written as {@code 2s}, {@code 500ms}, {@code 1.5s}, {@code 1m}, {@code 1h} or ISO-8601 {@code PT2S}. */
final class DurationText {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param text what the user wrote
     * @param where where it was written, such as {@code configuration parameter 'runstop.stop.deadline'}
     * @return the positive duration
     * @throws ExtensionConfigurationException naming {@code where} and the text if it is not a positive duration
     */
    static Duration parse(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        Matcher m = TEXT.matcher(t);
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            d = Duration.ofNanos(amount.multiply(BigDecimal.valueOf(unitNanos)).longValue());
        } else if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                d = null;
            }
        }
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ExtensionConfigurationException(where + " is '" + text + "', which is not a positive duration;"
                    + " write it like 2s, 500ms, 1.5s, 1m or PT2S");
        }
        return d;
    }
}
