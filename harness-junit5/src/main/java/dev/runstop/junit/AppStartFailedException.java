package dev.runstop.junit;

import dev.runstop.ActorException;
import dev.runstop.StartFailedException;
import dev.runstop.StopReport;

/**
 * Fails a test class (or test) because its app did not start: an actor failed before it was ready, or
 * was not ready by the start deadline. A {@link StartFailedException} with a reproduce line. The message is the {@link StartFailedException}'s (which actor,
 * and the stack of each actor not ready) followed by one line saying how to run the test class again;
 * the cause is the failed actor's error (or the start failure itself when no actor failed); problems of
 * the stop that followed (such as a straggler) are suppressed.
 */
public final class AppStartFailedException extends StartFailedException {
    private static final long serialVersionUID = 1L;

    AppStartFailedException(StartFailedException failure, StopReport stop, String reproduce) {
        super(failure.getMessage() + System.lineSeparator() + reproduce,
                failure.getCause() != null ? failure.getCause() : failure);
        setStackTrace(failure.getStackTrace());
        for (Throwable notReady : failure.getSuppressed()) {
            addSuppressed(notReady);
        }
        if (stop != null) {
            for (ActorException problem : stop.problems()) {
                // the start failure's message already has each actor that was not ready, with its stack
                if (problem.problem() != ActorException.Problem.NOT_READY && problem != getCause()) {
                    addSuppressed(problem);
                }
            }
        }
    }
}
