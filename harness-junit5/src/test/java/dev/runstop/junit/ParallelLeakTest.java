package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.ActorException;
import dev.runstop.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * A class whose app leaks a thread, run concurrently with twenty classes whose apps are clean: only the
 * leaking class fails, naming the actor that started the thread; every class gets a timeline page.
 */
class ParallelLeakTest {
    static final CountDownLatch releaseLeak = new CountDownLatch(1);

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class LeakyApp {
        static Group app() {
            return new Group("leaky").add("mailer", ctx -> {
                Thread retry = new Thread(() -> {
                    try {
                        releaseLeak.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "mail-retry");
                retry.setDaemon(true);
                retry.start();
                ctx.awaitStop();
            });
        }

        @Test
        void sendsMail() {
        }
    }

    @Test
    void onlyTheLeakingAppIsBlamedWhenClassesRunInParallel() throws Exception {
        ParallelClassesTest.allInside = new CyclicBarrier(ParallelClassesTest.CLASSES);
        ParallelClassesTest.ports.clear();
        ParallelClassesTest.apps.clear();
        List<Class<?>> fixtures = new ArrayList<>(ParallelClassesTest.FIXTURES);
        fixtures.add(LeakyApp.class);
        for (Class<?> fixture : fixtures) {
            Files.deleteIfExists(timeline(fixture));
        }
        try {
            FixtureRun run = FixtureRun.of(Map.of(
                    "junit.jupiter.execution.parallel.enabled", "true",
                    "junit.jupiter.execution.parallel.mode.default", "same_thread",
                    "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                    "junit.jupiter.execution.parallel.config.strategy", "fixed",
                    "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(fixtures.size()),
                    "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(4 * fixtures.size())),
                    fixtures.toArray(new Class<?>[0]));

            assertThat(ParallelClassesTest.FIXTURES).allSatisfy(fixture ->
                    assertThat(run.classResult(fixture).getStatus()).as(fixture.getSimpleName())
                            .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
            Throwable failure = run.classFailure(LeakyApp.class);
            assertThat(failure).isInstanceOf(AppStopFailedException.class)
                    .hasMessageContaining("actor 'mailer' leaked thread 'mail-retry'");
            ActorException leak = (ActorException) failure.getCause();
            assertThat(leak.actor()).isEqualTo("mailer");
            assertThat(leak.problem()).isEqualTo(ActorException.Problem.THREAD_LEAKED);
            assertThat(failure.getSuppressed()).as("nothing of the twenty other apps is blamed").isEmpty();
            assertThat(run.reportEntries("runstop.report")).hasSize(fixtures.size())
                    .filteredOn(r -> r.contains(", clean")).hasSize(ParallelClassesTest.CLASSES);

            for (Class<?> fixture : ParallelClassesTest.FIXTURES) {
                assertThat(Files.readString(timeline(fixture))).as(fixture.getSimpleName()).contains("http");
            }
            assertThat(Files.readString(timeline(LeakyApp.class))).contains("mailer");
        } finally {
            releaseLeak.countDown();
        }
    }

    private static Path timeline(Class<?> fixture) {
        return Path.of("target", "runstop", fixture.getName() + ".html");
    }
}
