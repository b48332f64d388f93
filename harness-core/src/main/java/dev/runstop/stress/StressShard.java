package dev.runstop.stress;

/**
 * One slice of a stress run split across JVMs (CI matrix jobs, Surefire forks): shard {@code index} of
 * {@code count} runs the {@code index}-th of {@code count} contiguous, disjoint ranges of the run's cycles,
 * all from the same seed, so the shards together run exactly the cycles one run would, and any cycle a shard
 * reports replays on its own with {@code SEED:CYCLE}. Written {@code 2/8}; immutable.
 */
public final class StressShard {
    /** The system property and JUnit configuration parameter that names a shard: {@code runstop.stress.shard=2/8}. */
    public static final String KEY = "runstop.stress.shard";

    private final int index;
    private final int count;

    private StressShard(int index, int count) {
        this.index = index;
        this.count = count;
    }

    /**
     * @param index 1 to {@code count}
     * @param count how many shards the run is split into; positive
     * @return the shard
     * @throws IllegalArgumentException if not {@code 1 <= index <= count}
     */
    public static StressShard of(int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("stress shard " + index + "/" + count + " is not INDEX/COUNT with 1 <= INDEX <= COUNT,"
                    + " such as 2/8");
        }
        return new StressShard(index, count);
    }

    /**
     * @param text {@code INDEX/COUNT}, such as {@code 2/8}
     * @return the shard
     * @throws IllegalArgumentException if the text is not of that form, or the index is not 1 to COUNT
     */
    public static StressShard parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        int index;
        int count;
        try {
            if (slash < 0) {
                throw new NumberFormatException();
            }
            index = Integer.parseInt(t.substring(0, slash).trim());
            count = Integer.parseInt(t.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stress shard '" + text + "' is not INDEX/COUNT, such as 2/8 (shard 2 of 8;"
                    + " with Surefire forks: ${surefire.forkNumber}/<forkCount>)");
        }
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("stress shard '" + text + "': INDEX must be 1 to COUNT (" + count + "), such as 2/8");
        }
        return new StressShard(index, count);
    }

    /** @return the shard's number, 1 to {@link #count()} */
    public int index() {
        return index;
    }

    /** @return how many shards the run is split into */
    public int count() {
        return count;
    }

    /** @return the first cycle of this shard's slice of {@code cycles} cycles */
    int from(int cycles) {
        return (int) ((long) cycles * (index - 1) / count);
    }

    /** @return one past the last cycle of this shard's slice of {@code cycles} cycles */
    int to(int cycles) {
        return (int) ((long) cycles * index / count);
    }

    /** @return {@code INDEX/COUNT} */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StressShard && ((StressShard) o).index == index && ((StressShard) o).count == count;
    }

    @Override
    public int hashCode() {
        return index * 31 + count;
    }
}
