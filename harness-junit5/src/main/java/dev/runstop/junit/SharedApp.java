package dev.runstop.junit;

import dev.runstop.StopReport;
import java.io.IOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The holder of one app of {@link Scope#SHARED} in the root extension context's store: starts it once for
 * the first class that asks, hands the same app to every later one, and stops it when JUnit closes the
 * root store at the end of the run, throwing if that stop was not clean (JUnit then fails the run).
 */
@SuppressWarnings("deprecation") // CloseableResource: the kind of store value JUnit 5.12 closes; later ones close AutoCloseable
final class SharedApp implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunstopExtension.class.getName());

    /** Whether the app was started, failed to start, or stopped; only moves forward. */
    enum State {
        /** No class has asked for the app yet. */
        NEW,
        /** The app started and is handed to every class that asks. */
        STARTED,
        /** The app failed to start: every class that asks fails with the same error. */
        FAILED,
        /** The run ended and the app was stopped. */
        CLOSED
    }

    private final String identity;
    /** Guarded by this. */
    private State state = State.NEW;
    /** Set in {@link State#STARTED}; guarded by this. */
    private AppInstance app;
    /** Set in {@link State#FAILED}; guarded by this. */
    private RuntimeException failure;

    SharedApp(String identity) {
        this.identity = identity;
    }

    /**
     * @param start starts the app, on the first call only
     * @return the app, the same one on every call
     * @throws RuntimeException the start's failure, on this and every later call
     * @throws IllegalStateException if the run has already ended
     */
    synchronized AppInstance acquire(Supplier<AppInstance> start) {
        switch (state) {
            case NEW:
                try {
                    app = start.get();
                    state = State.STARTED;
                    return app;
                } catch (RuntimeException e) {
                    failure = e;
                    state = State.FAILED;
                    throw e;
                }
            case STARTED:
                return app;
            case FAILED:
                throw failure;
            default:
                throw new IllegalStateException("the shared app " + identity + " was already stopped at the end of the run");
        }
    }

    /** Stops the app at the end of the run; fails if the stop was not clean. */
    @Override
    public void close() throws InterruptedException {
        AppInstance stopping;
        synchronized (this) {
            stopping = state == State.STARTED ? app : null;
            state = State.CLOSED;
        }
        if (stopping == null) {
            return;
        }
        StopReport report = stopping.stop("test run finished");
        if (report == null) {
            return;
        }
        try {
            TimelineFile.Page page = new TimelineFile("shared app '" + stopping.name() + "'", "shared-" + stopping.name(),
                    stopping.outputDir).add(report);
            LOG.log(System.Logger.Level.INFO, "runstop: timeline of shared app '" + stopping.name() + "': " + page.file());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the timeline of shared app '" + stopping.name() + "': " + e);
        }
        if (!report.clean()) {
            throw new AppStopFailedException(report.failure().orElseThrow(), stopping.reproduce());
        }
    }
}
