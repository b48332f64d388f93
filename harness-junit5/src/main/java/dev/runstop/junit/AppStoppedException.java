package dev.runstop.junit;

import dev.runstop.StopCause;

/**
 * Fails a test because the app stopped while it ran, or had stopped before it began, when the test did
 * not stop it on purpose. The message says which app and why it stopped, such as {@code app 'shop'
 * stopped during this test: actor 'feed' failed: java.io.IOException: boom}; the cause is the failed
 * actor's error (or the {@link StopCause} itself when no actor failed). An exception the test threw
 * itself is attached as suppressed.
 */
public final class AppStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient StopCause stopCause;

    AppStoppedException(String message, StopCause stopCause) {
        super(message, stopCause.getCause() != null ? stopCause.getCause() : stopCause);
        this.stopCause = stopCause;
    }

    /** @return why the app stopped */
    public StopCause stopCause() {
        return stopCause;
    }
}
