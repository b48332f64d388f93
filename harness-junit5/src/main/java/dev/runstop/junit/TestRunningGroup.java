package dev.runstop.junit;

import dev.runstop.Handles;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The running group as tests see it: the app's group, where a stop or signal asked for through it marks
 * the stop as made on purpose by the running test, so the extension does not fail that test for it.
 */
final class TestRunningGroup implements RunningGroup {
    private final RunningGroup group;
    private final AppInstance app;

    TestRunningGroup(RunningGroup group, AppInstance app) {
        this.group = group;
        this.app = app;
    }

    @Override
    public String name() {
        return group.name();
    }

    @Override
    public List<String> actorNames() {
        return group.actorNames();
    }

    @Override
    public RunningGroup awaitReady(Duration timeout) throws InterruptedException {
        group.awaitReady(timeout);
        return this;
    }

    @Override
    public boolean isReady() {
        return group.isReady();
    }

    @Override
    public Handles handles() {
        return group.handles();
    }

    @Override
    public void stop(String reason) {
        String previous = app.markStopOnPurpose("RunningGroup.stop(\"" + reason + "\")");
        try {
            group.stop(reason);
        } catch (RuntimeException e) {
            app.restoreStopOnPurpose(previous);
            throw e;
        }
    }

    @Override
    public void signal(String signal) {
        String previous = app.markStopOnPurpose("RunningGroup.signal(\"" + signal + "\")");
        try {
            group.signal(signal);
        } catch (RuntimeException e) {
            app.restoreStopOnPurpose(previous);
            throw e;
        }
    }

    @Override
    public Optional<StopCause> stopCause() {
        return group.stopCause();
    }

    @Override
    public Optional<StopReport> report() {
        return group.report();
    }

    @Override
    public Optional<StopReport> awaitTermination(Duration timeout) throws InterruptedException {
        return group.awaitTermination(timeout);
    }

    @Override
    public StopReport stopAndAwait(String reason) throws InterruptedException {
        stop(reason);
        return group.stopAndAwait(reason);
    }

    @Override
    public CompletionStage<StopReport> termination() {
        return group.termination();
    }

    @Override
    public String toString() {
        return group.toString();
    }

    @Override
    public State state() {
        return group.state();
    }

    @Override
    public String snapshot() {
        return group.snapshot();
    }

    @Override
    public void close() throws InterruptedException {
        app.markStopOnPurpose("RunningGroup.close()");
        group.close();
    }
}
