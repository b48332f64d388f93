package dev.runstop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Creation sites: with {@link Group#leakOrigins(boolean)} on, a leaked thread's report names the line of
 * application code that started it, even when it waits in JDK code (a pool worker parked in its queue).
 * Runs in a JVM of its own: the recording stays on for the rest of the JVM's life.
 */
class LeakOriginsTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    private final List<CountDownLatch> toRelease = new ArrayList<>();
    private final List<ExecutorService> toShutDown = new ArrayList<>();

    @AfterEach
    void releaseLeftovers() throws InterruptedException {
        toRelease.forEach(CountDownLatch::countDown);
        toShutDown.forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : toShutDown) {
            assertThat(pool.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    @Test
    void aLeakedPoolWorkerParkedInTheJdkIsReportedWithTheLineThatMadeThePoolGrow() throws Exception {
        Group group = group("origins").leakOrigins(true);
        group.add("worker", ctx -> {
            ExecutorService pool = shutDownLater(Executors.newFixedThreadPool(1));
            Sloppy.startPool(pool);
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        ThreadSnapshot leaked = report.actor("worker").leakedThreads().get(0);
        assertThat(leaked.where()).startsWith("jdk.internal.misc.Unsafe.park"); // where it waits tells nothing
        assertThat(leaked.startedAt()).hasValueSatisfying(at -> assertThat(at).startsWith("dev.runstop.LeakOriginsTest$Sloppy.startPool(LeakOriginsTest.java:"));
        assertThat(leaked.origin()).isNotEmpty();
        ActorException problem = report.problems().get(0);
        assertThat(problem.getMessage()).startsWith("actor 'worker' leaked thread '" + leaked.threadName() + "'")
                .contains("; started at dev.runstop.LeakOriginsTest$Sloppy.startPool(LeakOriginsTest.java:");
        assertThat(problem.getCause()).hasMessage("thread '" + leaked.threadName() + "' was started here");
        assertThat(problem.getCause().getStackTrace()).anySatisfy(f -> assertThat(f.getMethodName()).isEqualTo("startPool"));
    }

    @Test
    void aThreadInALibrarysOwnThreadGroupIsReportedWithItsStartLine() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("origins-lib").leakOrigins(true);
        group.add("client", ctx -> {
            Sloppy.startInOwnGroup(never);
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.getMessage())
                .startsWith("actor 'client' leaked thread 'own-group-1'")
                .contains("started at dev.runstop.LeakOriginsTest$Sloppy.startInOwnGroup(LeakOriginsTest.java:"));
    }

    /** Application code that leaves threads behind. */
    static final class Sloppy {
        private Sloppy() {
        }

        static void startPool(ExecutorService pool) throws Exception {
            pool.submit(() -> { }).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        }

        static void startInOwnGroup(CountDownLatch never) {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            new Thread(new ThreadGroup(root, "own-group"), () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "own-group-1").start();
        }
    }

    private static Group group(String name) {
        return new Group(name).osSignals(false).stopDeadline(Duration.ofSeconds(10)).leakCheck(Duration.ofMillis(100));
    }

    private static StopReport runAndStop(Group group) throws InterruptedException {
        RunningGroup running = group.start().awaitReady(LONG);
        running.stop("test done");
        return running.awaitTermination(LONG).orElseThrow();
    }

    private CountDownLatch release(CountDownLatch latch) {
        toRelease.add(latch);
        return latch;
    }

    private ExecutorService shutDownLater(ExecutorService pool) {
        toShutDown.add(pool);
        return pool;
    }
}
