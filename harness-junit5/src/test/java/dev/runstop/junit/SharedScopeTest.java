package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;

/** One app for many classes: started once per run, even by classes asking at once, stopped at the end. */
class SharedScopeTest {
    static final AtomicInteger starts = new AtomicInteger();
    static final Set<RunningGroup> seen = ConcurrentHashMap.newKeySet();
    static final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    static volatile CyclicBarrier together = new CyclicBarrier(4);

    @Fixture
    @RunstopTest(factoryMethod = "app", scope = Scope.SHARED)
    abstract static class UsesTheSharedApp {
        static Group app() {
            starts.incrementAndGet();
            return new Group("shared-shop").add("http", TestApps.server("http"));
        }

        @Test
        void meetsTheOthers(@Port("http") int port, RunningGroup app) throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            ports.add(port);
            seen.add(app);
            together.await(60, TimeUnit.SECONDS);
        }
    }

    static class First extends UsesTheSharedApp {
    }

    static class Second extends UsesTheSharedApp {
    }

    static class Third extends UsesTheSharedApp {
    }

    static class Fourth extends UsesTheSharedApp {
    }

    static Map<String, String> parallel(int threads) {
        return Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(threads),
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(4 * threads));
    }

    @Test
    void fourParallelClassesShareOneAppStartedOnceAndStoppedAtTheEndOfTheRun() throws Exception {
        starts.set(0);
        seen.clear();
        ports.clear();
        together = new CyclicBarrier(4);

        FixtureRun run = FixtureRun.boundedOf(parallel(4), First.class, Second.class, Third.class, Fourth.class);

        assertThat(run.results.testEvents().succeeded().count()).isEqualTo(4);
        assertThat(starts).hasValue(1);
        assertThat(ports).hasSize(1);
        assertThat(seen).hasSize(1);
        RunningGroup app = seen.iterator().next();
        assertThat(app.state()).isEqualTo(RunningGroup.State.TERMINATED);
        assertThat(app.report()).hasValueSatisfying(r -> {
            assertThat(r.clean()).isTrue();
            assertThat(r.toString()).contains("test run finished");
        });
        assertThat(engineResult(run).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    static TestExecutionResult engineResult(FixtureRun run) {
        return run.results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getParent().isEmpty())
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow();
    }

    /** The engine's failure, unwrapped from JUnit's "failed to close extension context" (JUnit 6 wraps it). */
    static Throwable endOfRunFailure(FixtureRun run) {
        Throwable failure = engineResult(run).getThrowable().orElseThrow();
        return failure instanceof AppStopFailedException || failure.getCause() == null ? failure : failure.getCause();
    }

    static final CountDownLatch releaseStraggler = new CountDownLatch(1);

    /** A factory class: classes naming it share its app. */
    static class StragglingShop implements AppFactory {
        @Override
        public Group create() {
            return TestApps.withStraggler(new Group("leaky-shared").stopDeadline(Duration.ofMillis(200))
                    .add("http", TestApps.server("http")), releaseStraggler);
        }
    }

    @Fixture
    @RunstopTest(factory = StragglingShop.class, scope = Scope.SHARED)
    static class FirstUser {
        @Test
        void passes(@Port("http") int port) throws IOException {
            assertThat(TestApps.knock(port)).isEqualTo('k');
        }
    }

    @Fixture
    @RunstopTest(factory = StragglingShop.class, scope = Scope.SHARED)
    static class SecondUser {
        @Test
        void passes(@Port("http") int port) throws IOException {
            assertThat(TestApps.knock(port)).isEqualTo('k');
        }
    }

    @Test
    void anUncleanStopAtTheEndOfTheRunFailsTheRun() throws Exception {
        try {
            FixtureRun run = FixtureRun.boundedOf(Map.of(), FirstUser.class, SecondUser.class);

            assertThat(run.classResult(FirstUser.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            assertThat(run.classResult(SecondUser.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
            TestExecutionResult engine = engineResult(run);
            assertThat(engine.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            Throwable failure = endOfRunFailure(run);
            System.out.println("[shared] the run's failure:\n" + failure.getMessage());
            assertThat(failure).isInstanceOf(AppStopFailedException.class)
                    .hasMessageContaining("'stubborn'")
                    .hasMessageContaining("reproduce: ")
                    .hasMessageContaining("the app is shared");
        } finally {
            releaseStraggler.countDown();
        }
    }

    static final RunstopExtension CRASHABLE = RunstopExtension.forApp(
            () -> AppStopsDuringTestsTest.crashableApp("shared-crashy")).shared();

    @Fixture
    static class CrashesIt {
        @RegisterExtension
        static RunstopExtension app = CRASHABLE;

        @Test
        void crashes(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            crash.completeExceptionally(new IOException("boom"));
            new CountDownLatch(1).await();
        }
    }

    @Fixture
    static class ComesAfter {
        @RegisterExtension
        static RunstopExtension app = CRASHABLE;

        @Test
        void findsItStopped() {
        }
    }

    @Test
    void aSharedAppThatDiesFailsTheRunningTestAndTheClassesAfterIt() throws Exception {
        FixtureRun run = FixtureRun.boundedOf(Map.of(), CrashesIt.class, ComesAfter.class);

        assertThat(run.testFailure("crashes")).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'shared-crashy' stopped during this test: actor 'feed' failed: java.io.IOException: boom");
        assertThat(run.testFailure("findsItStopped")).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'shared-crashy' stopped before this test began: actor 'feed' failed");
        Throwable end = endOfRunFailure(run);
        assertThat(end).isInstanceOf(AppStopFailedException.class).hasMessageContaining("boom");
        assertThat(run.allEvents()).map(Event::toString).isNotEmpty();
    }
}
