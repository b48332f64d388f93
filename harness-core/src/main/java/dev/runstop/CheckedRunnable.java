package dev.runstop;

/** A piece of code that may throw a checked exception, such as a service's {@code start} or {@code stop}. */
@FunctionalInterface
public interface CheckedRunnable {

    /**
     * Runs the code.
     *
     * @throws Exception whatever the code throws
     */
    void run() throws Exception;
}
