package dev.runstop.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LifecycleStressTest {

    /** A four-actor app that meets the actor contract everywhere. */
    static Group fourActorApp() {
        return new Group("four")
                .add("http", Actors.service(() -> { }, () -> { }))
                .add("feed", ActorContext::awaitStop)
                .add("machine", Actors.interruptible(ctx -> new CountDownLatch(1).await()))
                .add("ledger", ctx -> {
                    ctx.publish("ledger", new Object());
                    ctx.awaitStop();
                });
    }

    @Test
    void cleanAppRunsEveryCycle() throws Exception {
        StressResult result = LifecycleStress.of(LifecycleStressTest::fourActorApp).cycles(100).run();

        assertThat(result.cycles()).isEqualTo(100);
        assertThat(result.group()).isEqualTo("four");
        assertThat(result.seed()).isEqualTo(LifecycleStress.DEFAULT_SEED);
        assertThat(result.toString()).startsWith("100 clean cycles of group 'four' in ").contains("seed 5EED0F11FE5EED01, pct mode");
        // the stated bound, for the app's 4 actors: n = 5 (with the stop), k = 4·4 + 1 = 17
        assertThat(result.bound()).hasValue(1.0 / (5 * 17));
        assertThat(result.toString()).contains("each cycle finds an ordering bug of depth 2 with probability >= 1/85",
                "n = 5 threads (4 actors and the stop), k = 17 decision points", "100 cycles miss one with probability <= 30.6%");
    }

    @Test
    void pctModeRunsByDefaultEnoughCyclesToMissADepthTwoBugWithAtMostOnePercent() throws Exception {
        // 1/85 a cycle: ceil(ln 0.01 / ln(84/85)) = 390 cycles
        assertThat(PctSchedule.cyclesFor(PctSchedule.bound(4, 2), 0.01)).isEqualTo(390);
        StressResult result = LifecycleStress.of(LifecycleStressTest::fourActorApp).run();

        assertThat(result.cycles()).isEqualTo(390);
        assertThat(result.toString()).contains("390 cycles miss one with probability <= 1.0%");
        assertThat(LifecycleStress.of(LifecycleStressTest::fourActorApp).mode(StressMode.RANDOM).cycles(5).run().bound()).isEmpty();
    }

    @Test
    void anInjectedFailureIsNotAProblemButAnAppFailureIs() throws Exception {
        List<String> causes = new ArrayList<>();
        LifecycleStress stress = LifecycleStress.of(LifecycleStressTest::fourActorApp).mode(StressMode.RANDOM);
        for (int cycle = 0; cycle < 60; cycle++) {
            causes.add(stress.runCycle(cycle).cause().kind().name());
        }
        assertThat(causes).contains("ACTOR_FAILED", "ACTOR_RETURNED", "STOP_REQUESTED");

        LifecycleStressFailure failure = catchThrowableOfType(LifecycleStressFailure.class, () -> LifecycleStress.of(
                () -> fourActorApp().add("crasher", ctx -> {
                    throw new IllegalStateException("boom");
                })).mode(StressMode.RANDOM).cycles(5).run());

        assertThat(failure.cycle()).isZero();
        assertThat(failure.getMessage()).contains("actor 'crasher' failed: java.lang.IllegalStateException: boom");
        assertThat(failure.getCause()).hasMessage("boom");
    }

    @Test
    void aLeakedThreadIsReportedWithTheActorThatStartedIt() {
        CountDownLatch release = new CountDownLatch(1);
        try {
            LifecycleStressFailure failure = catchThrowableOfType(LifecycleStressFailure.class, () -> LifecycleStress.of(
                    () -> fourActorApp().add("spawner", ctx -> {
                        Thread t = new Thread(() -> {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, "forgotten");
                        t.setDaemon(true);
                        t.start();
                        ctx.awaitStop();
                    })).mode(StressMode.RANDOM).leakLinger(Duration.ofMillis(20)).cycles(3).run());

            assertThat(failure.actors()).containsExactly("spawner");
            assertThat(failure.getMessage()).contains("actor 'spawner' leaked thread 'forgotten'")
                    .contains("spawner left thread 'forgotten' running");
        } finally {
            release.countDown();
        }
    }

    @Test
    void factoryMistakesAreClearErrors() {
        assertThatThrownBy(() -> LifecycleStress.of(() -> null).run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned null in stress cycle 0");
        assertThatThrownBy(() -> LifecycleStress.of(() -> new Group("empty")).run())
                .hasMessageContaining("group 'empty' with no actors");
        Group once = fourActorApp();
        assertThatThrownBy(() -> LifecycleStress.of(() -> once).cycles(2).run())
                .hasMessageContaining("must build a new, unstarted group for every cycle");
        assertThatThrownBy(() -> LifecycleStress.of(() -> {
            throw new java.io.IOException("no config");
        }).run()).hasMessageContaining("the app factory failed in stress cycle 0: java.io.IOException: no config");
    }

    @Test
    void badSettingsAreRefusedAtTheCall() {
        LifecycleStress stress = LifecycleStress.of(LifecycleStressTest::fourActorApp);
        assertThatThrownBy(() -> LifecycleStress.of(null)).hasMessageContaining("factory must not be null");
        assertThatThrownBy(() -> stress.cycles(0)).hasMessageContaining("cycles must be positive");
        assertThatThrownBy(() -> stress.stopDeadline(Duration.ZERO)).hasMessageContaining("stop deadline must be positive");
        assertThatThrownBy(() -> stress.leakLinger(Duration.ofMillis(-1))).hasMessageContaining("leak linger");
        assertThatThrownBy(() -> stress.maxDelay(Duration.ofNanos(1))).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> stress.replay("zz")).hasMessageContaining("not SEED or SEED:CYCLE");
        assertThatThrownBy(() -> stress.runCycle(-1)).hasMessageContaining("cycle must be zero or more");
    }
}
