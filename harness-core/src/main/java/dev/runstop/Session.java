package dev.runstop;

import java.time.Duration;

/**
 * A piece of in-flight work opened by {@link ActorContext#openSession(String)}. Close it exactly when
 * the work is done; closing it again does nothing. Sessions still open at their actor's stop deadline
 * are reported in the {@link StopReport} and make the stop unclean.
 */
public interface Session extends AutoCloseable {

    /** @return the label given when the session was opened */
    String label();

    /** @return how long the session has been open (or was open, once closed) */
    Duration age();

    /** Ends the session. Idempotent; never throws. */
    @Override
    void close();
}
