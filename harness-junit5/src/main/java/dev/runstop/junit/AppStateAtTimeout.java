package dev.runstop.junit;

/**
 * Attached as suppressed to the failure of a test that JUnit interrupted for its {@code @Timeout}: the
 * state of the test's app at that moment ({@link dev.runstop.RunningGroup#snapshot()}): each actor's
 * state and where its thread is, open sessions and handle waits. Only that app, not every thread of the
 * JVM. It has no stack trace of its own.
 */
public final class AppStateAtTimeout extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AppStateAtTimeout(String appName, String test, String snapshot) {
        super("app '" + appName + "' when test '" + test + "' timed out:" + System.lineSeparator() + snapshot, null, false, false);
    }
}
