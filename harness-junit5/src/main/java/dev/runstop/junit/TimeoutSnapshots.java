package dev.runstop.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * Before JUnit interrupts a test for its {@code @Timeout}, takes a snapshot of the app that the test's
 * thread runs against; {@link RunstopExtension} attaches it to the test's failure as an
 * {@link AppStateAtTimeout}. {@link RunstopTest} registers it. Only this class and
 * {@link RunstopExtension}'s subclass for {@code forApp} refer to {@code PreInterruptCallback} (JUnit
 * 5.12+), so the rest loads on a JUnit without it.
 */
final class TimeoutSnapshots implements PreInterruptCallback {

    /** Takes the snapshot, if the thread runs a test against an app. */
    @Override
    public void beforeThreadInterrupt(PreInterruptContext preInterruptContext, ExtensionContext extensionContext) {
        RunstopExtension.recordTimeoutSnapshot(preInterruptContext.getThreadToInterrupt(), extensionContext);
    }

    /** Builds the {@code forApp} form that is also a {@link PreInterruptCallback}; called only when it exists. */
    static RunstopExtension extension(RunstopExtension.Parts parts) {
        return new RunstopExtension.WithTimeoutSnapshots(parts);
    }
}
