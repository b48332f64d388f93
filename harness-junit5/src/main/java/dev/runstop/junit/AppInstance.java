package dev.runstop.junit;

import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One started app and what the extension knows about it while tests run. Lives in the extension
 * context's store of the test class (or test method) that owns it; closing it stops the app, so an app
 * is stopped even when the after-all callback never runs.
 */
final class AppInstance implements AutoCloseable {
    final String ownerId;
    final Class<?> testClass;
    final RunningGroup group;
    final RunningGroup view;
    final Duration startDeadline;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile String currentTest = "(no test yet)";
    private volatile String stopOnPurpose;
    private volatile String stoppedDuring;

    AppInstance(String ownerId, Class<?> testClass, RunningGroup group, Duration startDeadline) {
        this.ownerId = ownerId;
        this.testClass = testClass;
        this.group = group;
        this.startDeadline = startDeadline;
        this.view = new TestRunningGroup(group, this);
    }

    String name() {
        return group.name();
    }

    void testStarted(String displayName) {
        currentTest = displayName;
    }

    /**
     * Marks a stop that the running test asks for, unless the app is already stopping for another reason.
     *
     * @return the previous mark, to restore if the request fails
     */
    String markStopOnPurpose(String call) {
        String previous = stopOnPurpose;
        if (group.stopCause().isEmpty()) {
            stopOnPurpose = "test '" + currentTest + "' called " + call;
        }
        return previous;
    }

    void restoreStopOnPurpose(String previous) {
        stopOnPurpose = previous;
    }

    void expectStop(String displayName) {
        if (stopOnPurpose == null) {
            stopOnPurpose = "test '" + displayName + "' (annotated @ExpectAppStop) stopped it";
        }
    }

    /** @return how the tests stopped the app on purpose, or null if they did not */
    String stopOnPurpose() {
        return stopOnPurpose;
    }

    void stoppedDuring(String displayName) {
        if (stoppedDuring == null) {
            stoppedDuring = displayName;
        }
    }

    /** @return the test during which the app stopped unexpectedly, or null */
    String stoppedDuring() {
        return stoppedDuring;
    }

    /**
     * Stops the app and waits for its report, bounded by its stop deadlines, once.
     *
     * @return the report, or null if the app was already stopped by an earlier call
     */
    StopReport stop(String reason) throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return null;
        }
        return group.stopAndAwait(reason);
    }

    /** Stops the app if the after callbacks did not; fails if that stop was not clean. */
    @Override
    public void close() {
        StopReport report;
        try {
            report = stop("test context closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping app '" + name() + "' of " + testClass.getName(), e);
        }
        if (report != null && !report.clean()) {
            throw new AppStopFailedException(report.failure().orElseThrow(), Reproduce.line(testClass));
        }
    }
}
