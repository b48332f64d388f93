package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;

class AppStopsDuringTestsTest {

    /** An app whose actor 'feed' runs until its published "crash" future completes: normally = return, exceptionally = fail. */
    static Group crashableApp(String name) {
        CompletableFuture<Void> crash = new CompletableFuture<>();
        return new Group(name)
                .add("feed", ctx -> {
                    ctx.publish("crash", crash);
                    try {
                        crash.get();
                    } catch (ExecutionException e) {
                        throw (Exception) e.getCause();
                    }
                }, cause -> crash.complete(null))
                .add("signals", Actors.signals("TERM"));
    }

    /** Waits, bounded, for the app to terminate: the crash is seen by the extension before the test ends. */
    static StopReport awaitTermination(RunningGroup app) throws Exception {
        return app.termination().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CrashingApp {
        static Group app() {
            return crashableApp("crashy");
        }

        @Test
        @Order(1)
        void crashesTheApp(@Handle("crash") CompletableFuture<Void> crash, RunningGroup app) throws Exception {
            crash.completeExceptionally(new IOException("boom"));
            awaitTermination(app);
        }

        @Test
        @Order(2)
        void second() {
        }

        @Test
        @Order(3)
        void third() {
        }
    }

    @Test
    void aCrashFailsTheTestDuringWhichItHappenedWithTheActorsErrorAndTheRestFailFast() {
        FixtureRun run = FixtureRun.of(CrashingApp.class);

        Throwable during = run.testFailure("crashesTheApp");
        String where = " (while running, at " + brief(during.getCause().getStackTrace()[0]) + ")";
        assertThat(during).isInstanceOf(AppStoppedException.class)
                .hasMessage("app 'crashy' stopped during this test: actor 'feed' failed: java.io.IOException: boom" + where
                        + System.lineSeparator() + Reproduce.line(CrashingApp.class));
        assertThat(during.getCause()).isInstanceOf(IOException.class).hasMessage("boom");
        for (String later : new String[] {"second", "third"}) {
            Throwable fast = run.testFailure(later);
            assertThat(fast).isInstanceOf(AppStoppedException.class)
                    .hasMessage("app 'crashy' stopped before this test began: actor 'feed' failed: java.io.IOException: boom"
                            + where + " (it stopped during test 'crashesTheApp(CompletableFuture, RunningGroup)')"
                            + System.lineSeparator() + Reproduce.line(CrashingApp.class));
            assertThat(fast.getCause()).isSameAs(during.getCause());
        }
        assertThat(run.classFailure(CrashingApp.class)).isInstanceOf(AppStopFailedException.class)
                .hasMessageContaining("group 'crashy' failed: actor 'feed' failed: java.io.IOException: boom");
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class CrashThenTestThrows {
        static Group app() {
            return crashableApp("crashy");
        }

        @Test
        void usesTheAppAfterItCrashed(@Handle("crash") CompletableFuture<Void> crash, RunningGroup app) throws Exception {
            crash.completeExceptionally(new IOException("boom"));
            try {
                awaitTermination(app);
            } catch (InterruptedException interruptedBecauseTheAppStopped) {
                // carries on as a test would that catches it and tries the app again
            }
            throw new IllegalStateException("connection refused");
        }
    }

    @Test
    void theTestsOwnExceptionIsKeptAsSuppressed() {
        FixtureRun run = FixtureRun.of(CrashThenTestThrows.class);

        Throwable failure = run.testFailure("usesTheAppAfterItCrashed");
        assertThat(failure).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'crashy' stopped during this test: actor 'feed' failed");
        assertThat(failure.getCause()).hasMessage("boom");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0]).isInstanceOf(IllegalStateException.class).hasMessage("connection refused");
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SignalledApp {
        static Group app() {
            return crashableApp("signalled");
        }

        @Test
        @Order(1)
        void stopsCleanlyOnSigterm(RunningGroup app) throws Exception {
            app.signal("TERM");
            StopReport report = awaitTermination(app);
            assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
            assertThat(report.clean()).isTrue();
        }

        @Test
        @Order(2)
        void runsAfterTheStop() {
        }
    }

    @Test
    void aStopTheTestAsksForThroughTheRunningGroupDoesNotFailIt() {
        FixtureRun run = FixtureRun.of(SignalledApp.class);

        assertThat(run.testResult("stopsCleanlyOnSigterm").getThrowable()).isEmpty();
        assertThat(run.testFailure("runsAfterTheStop")).isInstanceOf(AppStoppedException.class)
                .hasMessageContaining("app 'signalled' is stopped: test 'stopsCleanlyOnSigterm(RunningGroup)' called"
                        + " RunningGroup.signal(\"TERM\") on purpose (signal SIGTERM received by actor 'signals')")
                .hasMessageContaining("@Order");
        assertThat(run.classResult(SignalledApp.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.reportEntries("runstop.report")).singleElement().asString()
                .contains("stopped because SIGTERM arrived (actor 'signals')").contains("clean");
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class AppEndedByTheTest {
        static Group app() {
            return crashableApp("ended");
        }

        @Test
        @ExpectAppStop
        void endsTheFeed(@Handle("crash") CompletableFuture<Void> crash, RunningGroup app) throws Exception {
            crash.complete(null);
            StopReport report = awaitTermination(app);
            assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class AppEndedWithoutExpectAppStop {
        static Group app() {
            return crashableApp("ended");
        }

        @Test
        void endsTheFeed(@Handle("crash") CompletableFuture<Void> crash, RunningGroup app) throws Exception {
            crash.complete(null);
            awaitTermination(app);
        }
    }

    @Test
    void expectAppStopPermitsAStopTheExtensionCannotSee() {
        FixtureRun expected = FixtureRun.of(AppEndedByTheTest.class);
        assertThat(expected.testResult("endsTheFeed").getThrowable()).isEmpty();
        assertThat(expected.classResult(AppEndedByTheTest.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);

        FixtureRun unexpected = FixtureRun.of(AppEndedWithoutExpectAppStop.class);
        assertThat(unexpected.testFailure("endsTheFeed")).isInstanceOf(AppStoppedException.class)
                .hasMessage("app 'ended' stopped during this test: actor 'feed' returned"
                        + System.lineSeparator() + Reproduce.line(AppEndedWithoutExpectAppStop.class));
    }

    /** A frame as the first line of a failure shows it: {@code Class.method(File.java:42)}. */
    private static String brief(StackTraceElement f) {
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }
}
