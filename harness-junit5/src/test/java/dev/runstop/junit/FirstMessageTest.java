package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first message of each kind of failure names every failed actor once and says how to run it again. */
class FirstMessageTest {

    /** Two actors that both fail when the published "crash" future completes. */
    static Group twoFailAtOnce() {
        CompletableFuture<Void> crash = new CompletableFuture<>();
        return new Group("pair")
                .add("left", ctx -> {
                    ctx.publish("crash", crash);
                    awaitCrash(crash);
                    throw new IOException("left disk gone");
                }, cause -> { })
                .add("right", ctx -> {
                    awaitCrash(crash);
                    throw new IllegalStateException("right lost its peer");
                }, cause -> { });
    }

    static void awaitCrash(CompletableFuture<Void> crash) throws InterruptedException {
        try {
            crash.get();
        } catch (ExecutionException e) {
            // both actors go on to fail with errors of their own
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class TwoActorsFail {
        static Group app() {
            return twoFailAtOnce();
        }

        @Test
        void waits(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            crash.completeExceptionally(new IOException("planted"));
            new CountDownLatch(1).await();
        }
    }

    @Test
    void whenTwoActorsFailTheTestsMessageNamesBoth() throws Exception {
        FixtureRun run = FixtureRun.boundedOf(Map.of(), TwoActorsFail.class);

        String message = run.testFailure("waits").getMessage();
        System.out.println("[first message] two actors failed:\n" + message);
        String firstLine = message.lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("app 'pair' stopped during this test: actor '")
                .containsPattern("actor '(left|right)' failed: ")
                .containsPattern("; actor '(left|right)' failed too: ")
                .contains("java.io.IOException: left disk gone")
                .contains("java.lang.IllegalStateException: right lost its peer");
        assertThat(message).endsWith(System.lineSeparator() + Reproduce.line(TwoActorsFail.class));
    }

    static volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeEach
    void hold() {
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseStragglers() {
        release.countDown();
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "200ms")
    static class Straggles {
        static Group app() {
            return TestApps.withStraggler(new Group("stuck"), release);
        }

        @Test
        void passes() {
        }
    }

    @Test
    void aStragglersStackIsPrintedOnce() throws Exception {
        FixtureRun run = FixtureRun.boundedOf(Map.of(), Straggles.class);

        Throwable failure = run.classFailure(Straggles.class);
        StringWriter printed = new StringWriter();
        failure.printStackTrace(new PrintWriter(printed));
        System.out.println("[first message] straggler, as the console prints it:\n" + printed);
        long frames = printed.toString().lines()
                .filter(l -> l.contains("TestApps.ignoresStopUntilReleased(TestApps.java:") && l.trim().startsWith("at "))
                .count();
        assertThat(frames).isEqualTo(1);
        assertThat(failure.getMessage().lines().findFirst().orElseThrow())
                .contains("actor 'stubborn' is a straggler").contains("TestApps.ignoresStopUntilReleased(TestApps.java:");
        assertThat(failure.getMessage()).endsWith(System.lineSeparator() + Reproduce.line(Straggles.class));
        assertThat(Arrays.stream(failure.getStackTrace())).isEmpty();
    }
}
