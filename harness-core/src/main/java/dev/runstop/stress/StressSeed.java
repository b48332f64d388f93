package dev.runstop.stress;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A seed, and optionally the cycle to replay first, written as one token: {@code 5EED0F11FE5EED01} or
 * {@code 5EED0F11FE5EED01:37}. The seed is hexadecimal (an optional {@code 0x} is accepted), the cycle
 * decimal. This is the text a failure prints for replay. Immutable.
 */
public final class StressSeed {
    private final long seed;
    private final int replayCycle;

    private StressSeed(long seed, int replayCycle) {
        this.seed = seed;
        this.replayCycle = replayCycle;
    }

    /**
     * @param seed the seed
     * @return the seed with no cycle to replay
     */
    public static StressSeed of(long seed) {
        return new StressSeed(seed, -1);
    }

    /**
     * @param seed the seed
     * @param cycle the cycle to run first; zero or more
     * @return the seed with a cycle to replay
     * @throws IllegalArgumentException if the cycle is negative
     */
    public static StressSeed replay(long seed, int cycle) {
        if (cycle < 0) {
            throw new IllegalArgumentException("replay cycle must be zero or more, was " + cycle);
        }
        return new StressSeed(seed, cycle);
    }

    /**
     * @param token {@code SEED} or {@code SEED:CYCLE}, as {@link #toString()} writes it
     * @return the parsed seed
     * @throws IllegalArgumentException if the token is not of that form
     */
    public static StressSeed parse(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("stress seed must not be " + (token == null ? "null" : "blank")
                    + "; write it as SEED or SEED:CYCLE, such as 5EED0F11FE5EED01:37");
        }
        String t = token.trim();
        int colon = t.indexOf(':');
        String seedPart = colon < 0 ? t : t.substring(0, colon);
        if (seedPart.startsWith("0x") || seedPart.startsWith("0X")) {
            seedPart = seedPart.substring(2);
        }
        long seed;
        try {
            if (seedPart.isEmpty() || seedPart.length() > 16) {
                throw new NumberFormatException();
            }
            seed = Long.parseUnsignedLong(seedPart, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stress seed '" + token + "' is not SEED or SEED:CYCLE with SEED up to 16 hex digits,"
                    + " such as 5EED0F11FE5EED01:37");
        }
        if (colon < 0) {
            return of(seed);
        }
        int cycle;
        try {
            cycle = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            cycle = -1;
        }
        if (cycle < 0) {
            throw new IllegalArgumentException("stress seed '" + token + "': the cycle after ':' must be a number, zero or more,"
                    + " such as 5EED0F11FE5EED01:37");
        }
        return replay(seed, cycle);
    }

    /**
     * @param seed a seed
     * @return it as 16 upper-case hex digits
     */
    public static String format(long seed) {
        return String.format(Locale.ROOT, "%016X", seed);
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the cycle to run first, if any */
    public OptionalInt replayCycle() {
        return replayCycle < 0 ? OptionalInt.empty() : OptionalInt.of(replayCycle);
    }

    /** @return the token: {@code SEED} or {@code SEED:CYCLE} */
    @Override
    public String toString() {
        return format(seed) + (replayCycle < 0 ? "" : ":" + replayCycle);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StressSeed && ((StressSeed) o).seed == seed && ((StressSeed) o).replayCycle == replayCycle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, replayCycle);
    }
}
