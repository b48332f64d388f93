package dev.runstop.example;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counters of the feed: lines processed (applied to the machine or found malformed; blank lines are
 * skipped and not counted) and lines malformed. Published as handle {@value #HANDLE}; tests wait on
 * {@link #awaitProcessed} instead of sleeping.
 */
public final class FeedStats {
    /** The name these counters are published under. */
    public static final String HANDLE = "feed.stats";

    private long processed;
    private long malformed;
    private boolean ended;

    synchronized void processed(boolean wasMalformed) {
        processed++;
        if (wasMalformed) {
            malformed++;
        }
        notifyAll();
    }

    synchronized void ended() {
        ended = true;
        notifyAll();
    }

    /** @return true once the feed has ended by itself (end of stream); a feed closed by stop has not */
    public synchronized boolean hasEnded() {
        return ended;
    }

    /**
     * Waits until the feed has ended by itself and every line of it was processed.
     *
     * @param timeout the most to wait; positive
     * @return true if it has, false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return lines processed so far, malformed or not */
    public synchronized long processed() {
        return processed;
    }

    /** @return malformed lines so far: not JSON or an event name, or naming an unknown event, or too long */
    public synchronized long malformed() {
        return malformed;
    }

    /**
     * Waits until at least {@code lines} lines have been processed.
     *
     * @param lines how many
     * @param timeout the most to wait; positive
     * @return true if they were, false if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized boolean awaitProcessed(long lines, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processed < lines) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** @return the counters as the fields of a JSON object */
    public synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("processed", processed);
        json.put("malformed", malformed);
        json.put("ended", ended);
        return json;
    }
}
