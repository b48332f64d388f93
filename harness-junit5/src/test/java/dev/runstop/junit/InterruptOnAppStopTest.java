package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.io.IOException;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;

/**
 * An app that dies while its test is blocked without a timeout interrupts that test, which fails with
 * the actor's error; the interrupt is confined to that test.
 */
class InterruptOnAppStopTest {
    /** When the crash was planted and when the blocked test saw its interrupt, in nanoTime. */
    static final AtomicLong crashedAt = new AtomicLong();
    static final AtomicLong interruptedAt = new AtomicLong();

    /**
     * Crashes the app's actor 'feed' once {@code waiter} is parked (blocked in an untimed wait), from a
     * thread of its own.
     */
    static void crashWhenParked(Thread waiter, CompletableFuture<Void> crash) {
        Thread crasher = new Thread(() -> {
            long give = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < give) {
                LockSupport.parkNanos(1_000_000);
            }
            crashedAt.set(System.nanoTime());
            crash.completeExceptionally(new IOException("disk gone"));
        }, "crasher");
        crasher.setDaemon(true);
        crasher.start();
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class BlockedUntimed {
        static Group app() {
            return AppStopsDuringTestsTest.crashableApp("queue-app");
        }

        @Test
        void takesFromAQueueNobodyFills(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            crashWhenParked(Thread.currentThread(), crash);
            try {
                queue.take();
            } finally {
                interruptedAt.set(System.nanoTime());
            }
        }
    }

    @Test
    void aTestBlockedInAnUntimedTakeFailsWithTheActorsErrorWhenTheAppDies() throws Exception {
        crashedAt.set(0);
        interruptedAt.set(0);
        FixtureRun run = FixtureRun.boundedOf(Map.of(), BlockedUntimed.class);

        Throwable failure = run.testFailure("takesFromAQueueNobodyFills");
        System.out.println("[interrupt] failure of the blocked test, "
                + TimeUnit.NANOSECONDS.toMillis(interruptedAt.get() - crashedAt.get()) + " ms after the crash:\n" + failure);
        assertThat(failure).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'queue-app' stopped during this test: actor 'feed' failed: java.io.IOException: disk gone");
        assertThat(failure.getCause()).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(interruptedAt.get()).isGreaterThanOrEqualTo(crashedAt.get()).isNotZero();
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class NotInterrupted {
        static final AtomicBoolean sawInterrupt = new AtomicBoolean();

        static Group app() {
            return AppStopsDuringTestsTest.crashableApp("quiet-app");
        }

        @Test
        void waitsUntilTheAppHasTerminated(@Handle("crash") CompletableFuture<Void> crash, dev.runstop.RunningGroup app)
                throws Exception {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            app.termination().thenRun(() -> queue.add("terminated"));
            crash.completeExceptionally(new IOException("disk gone"));
            try {
                assertThat(queue.poll(60, TimeUnit.SECONDS)).isEqualTo("terminated");
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                throw e;
            }
        }
    }

    @Test
    void theConfigurationKeyTurnsTheInterruptOff() throws Exception {
        NotInterrupted.sawInterrupt.set(false);
        FixtureRun run = FixtureRun.boundedOf(Map.of(RunstopExtension.INTERRUPT_KEY, "false"), NotInterrupted.class);

        assertThat(NotInterrupted.sawInterrupt).isFalse();
        assertThat(run.testFailure("waitsUntilTheAppHasTerminated")).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'quiet-app' stopped during this test: actor 'feed' failed: java.io.IOException: disk gone");
    }

    @Fixture
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OneAppPerTest {
        static final AtomicReference<Boolean> nextTestInterrupted = new AtomicReference<>();
        static final AtomicReference<Boolean> afterEachInterrupted = new AtomicReference<>();

        @RegisterExtension
        RunstopExtension app = RunstopExtension.forApp(() -> AppStopsDuringTestsTest.crashableApp("per-test"));

        @org.junit.jupiter.api.AfterEach
        void after() {
            afterEachInterrupted.compareAndSet(null, Thread.currentThread().isInterrupted());
        }

        @Test
        @Order(1)
        void blocks(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            crashWhenParked(Thread.currentThread(), crash);
            new CountDownLatch(1).await();
        }

        @Test
        @Order(2)
        void runsNext() {
            nextTestInterrupted.set(Thread.currentThread().isInterrupted());
        }
    }

    @Test
    void theInterruptNeverReachesLaterCodeOnTheThread() throws Exception {
        OneAppPerTest.nextTestInterrupted.set(null);
        OneAppPerTest.afterEachInterrupted.set(null);
        FixtureRun run = FixtureRun.boundedOf(Map.of(), OneAppPerTest.class);

        assertThat(run.testFailure("blocks")).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'per-test' stopped during this test: actor 'feed' failed");
        assertThat(OneAppPerTest.afterEachInterrupted.get()).isFalse();
        assertThat(run.testResult("runsNext").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(OneAppPerTest.nextTestInterrupted.get()).isFalse();
    }

    static final CountDownLatch neighbourWaiting = new CountDownLatch(1);
    static volatile CountDownLatch crashedClassDone = new CountDownLatch(1);

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class CrashingNeighbour {
        static Group app() {
            return AppStopsDuringTestsTest.crashableApp("crashing");
        }

        @Test
        void blocks(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            assertThat(neighbourWaiting.await(60, TimeUnit.SECONDS)).isTrue();
            crashWhenParked(Thread.currentThread(), crash);
            try {
                new CountDownLatch(1).await();
            } finally {
                crashedClassDone.countDown();
            }
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class HealthyNeighbour {
        static final AtomicBoolean sawInterrupt = new AtomicBoolean();

        static Group app() {
            return AppStopsDuringTestsTest.crashableApp("healthy");
        }

        @Test
        void waitsForTheOtherClass() throws InterruptedException {
            neighbourWaiting.countDown();
            try {
                assertThat(crashedClassDone.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                throw e;
            }
        }
    }

    @Test
    void onlyTheThreadOfTheDeadAppsTestIsInterrupted() throws Exception {
        crashedClassDone = new CountDownLatch(1);
        HealthyNeighbour.sawInterrupt.set(false);
        Map<String, String> parallel = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
        FixtureRun run = FixtureRun.boundedOf(parallel, CrashingNeighbour.class, HealthyNeighbour.class);

        assertThat(run.testFailure("blocks")).isInstanceOf(AppStoppedException.class)
                .hasMessageStartingWith("app 'crashing' stopped during this test");
        assertThat(run.testResult("waitsForTheOtherClass").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(HealthyNeighbour.sawInterrupt).isFalse();
        assertThat(run.classResult(HealthyNeighbour.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

}
