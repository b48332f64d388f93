package dev.runstop.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.ActorException.Problem;
import dev.runstop.Group;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The stress keeps the app's own settings, settles on the app's own threads, says when a replay did not reproduce, and shards. */
class StressSettingsTest {
    /** Made before any group: its thread is nobody's leak. */
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "stress-settings-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.prestartAllCoreThreads(); // its thread exists before any group: the leak check does not count it
    }

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    /** An app whose "warehouse" loads for 700 ms when it starts and cannot be interrupted meanwhile (a cold database start). */
    static Group slowStartApp(Duration stopDeadline) {
        Group group = new Group("slow-start").stopDeadline(stopDeadline);
        group.add("http", ActorContext::awaitStop);
        group.add("warehouse", new Actor() {
            private volatile boolean stopped;

            @Override
            public void run(ActorContext ctx) throws InterruptedException {
                CountDownLatch loaded = new CountDownLatch(1);
                TIMER.schedule(loaded::countDown, 700, TimeUnit.MILLISECONDS);
                boolean interrupted = false;
                while (true) {
                    try {
                        loaded.await(); // the load does not stop for a stop or an interrupt
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted || stopped) {
                    return;
                }
                ctx.ready();
                ctx.awaitStop();
            }

            @Override
            public void stop(Throwable cause) {
                stopped = true;
            }
        });
        return group;
    }

    /** @return a seed whose cycle 0, in random mode, stops the app during its start-up with both actors running */
    static long seedStoppingDuringStart() {
        List<String> actors = List.of("http", "warehouse");
        for (long seed = 1; ; seed++) {
            Schedule s = Schedule.decide(seed, 0, actors, LifecycleStress.DEFAULT_MAX_DELAY);
            if (s.stopMoment() == Schedule.StopMoment.BEFORE_READY && !s.entersRunAfterStop("warehouse")
                    && s.trigger() == Schedule.Trigger.STOP_REQUESTED) {
                return seed;
            }
        }
    }

    @Test
    void theGroupsOwnStopDeadlineIsKeptSoAnUninterruptibleStartPassesCycleZero() throws Exception {
        long seed = seedStoppingDuringStart();

        StressResult result = LifecycleStress.of(() -> slowStartApp(Duration.ofSeconds(10))).mode(StressMode.RANDOM).seed(seed)
                .cycles(1).run();

        assertThat(result.cycles()).isEqualTo(1);

        // the stress's own setting wins where one is given: with 200 ms the same cycle finds a straggler
        LifecycleStressFailure tooShort = catchThrowableOfType(LifecycleStressFailure.class, () -> LifecycleStress
                .of(() -> slowStartApp(Duration.ofSeconds(10))).mode(StressMode.RANDOM).seed(seed).cycles(1)
                .stopDeadline(Duration.ofMillis(200)).run());
        assertThat(tooShort).isNotNull();
        assertThat(tooShort.problems()).containsExactly(Problem.STRAGGLER);
        assertThat(tooShort.actors()).containsExactly("warehouse");
    }

    @Test
    void theGroupsOwnLeakCheckIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            // the app's own leak check is off: the thread it leaves is not the stress's business
            StressResult result = LifecycleStress.of(() -> leavesAThreadUntil(release)).cycles(3).run();
            assertThat(result.cycles()).isEqualTo(3);

            LifecycleStressFailure overridden = catchThrowableOfType(LifecycleStressFailure.class, () -> LifecycleStress.of(
                    () -> leavesAThreadUntil(release)).leakLinger(Duration.ofMillis(20)).cycles(3).run());
            assertThat(overridden.problems()).containsExactly(Problem.THREAD_LEAKED);
        } finally {
            release.countDown();
        }
    }

    /** An app with its leak check off whose one actor starts a thread that waits for {@code release}. */
    private static Group leavesAThreadUntil(CountDownLatch release) {
        return new Group("leaky").leakCheck(Duration.ZERO).add("spawner", ctx -> {
            Thread t = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "spawned");
            t.setDaemon(true);
            t.start();
            ctx.awaitStop();
        });
    }

    @Test
    void aBusyNeighbourThreadDoesNotHoldUpSettling() throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread neighbour = new Thread(() -> {
            long x = 0;
            while (spin.get()) {
                x++;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "busy-neighbour");
        neighbour.setDaemon(true);
        neighbour.start();
        try {
            StressResult pct = LifecycleStress.of(LifecycleStressTest::fourActorApp).cycles(20).run();
            StressResult random = LifecycleStress.of(LifecycleStressTest::fourActorApp).mode(StressMode.RANDOM).cycles(20).run();

            for (StressResult r : List.of(pct, random)) {
                assertThat(r.settles()).as(r.toString()).isPositive();
                assertThat(r.settlesTimedOut()).as("settle waits that gave up beside a busy neighbour: %s", r).isZero();
            }
            assertThat(pct.runsAgain()).as(pct.toString()).isZero();
        } finally {
            spin.set(false);
            neighbour.join();
        }
    }

    @Test
    void theAppsOwnBusyThreadIsWaitedFor() throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        CountDownLatch spinning = new CountDownLatch(1);
        var running = new Group("spinner").osSignals(false).add("busy", ctx -> {
            spinning.countDown();
            while (spin.get()) {
                Thread.onSpinWait();
            }
        }).start();
        try {
            spinning.await();
            assertThat(Quiescence.idle("spinner")).isFalse();
            assertThat(Quiescence.idle("some-other-app")).isTrue();
        } finally {
            spin.set(false);
            running.stopAndAwait("test over");
        }
    }

    @Test
    void aReplayThatDoesNotReproduceSaysSo() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        // fails the first time it runs in this JVM, whatever the schedule: timing outside the schedule
        java.util.concurrent.Callable<Group> once = () -> new Group("once").add("flaky", ctx -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("first run only");
            }
            ctx.awaitStop();
        });
        LifecycleStressFailure found = catchThrowableOfType(LifecycleStressFailure.class,
                () -> LifecycleStress.of(once).cycles(5).run());
        assertThat(found.cycle()).isZero();

        StressResult replayed = LifecycleStress.of(once).replay(found.replaySeed()).cycles(5).run();

        assertThat(replayed.replayNote()).hasValueSatisfying(n -> assertThat(n).contains("replay of 5EED0F11FE5EED01:0",
                "not reproduced on replay: the race depends on timing outside the schedule"));
        assertThat(replayed.toString()).contains("not reproduced on replay: the race depends on timing outside the schedule");
    }

    @Test
    void shardsRunDisjointSlicesThatTogetherAreTheWholeRun() throws Exception {
        int covered = 0;
        for (int i = 1; i <= 3; i++) {
            StressResult r = LifecycleStress.of(LifecycleStressTest::fourActorApp).cycles(8).shard(StressShard.of(i, 3)).run();
            assertThat(r.fromCycle()).isEqualTo(covered);
            covered = r.toCycle();
            assertThat(r.cycles()).isEqualTo(r.toCycle() - r.fromCycle());
            assertThat(r.toString()).contains("shard " + i + "/3: cycles " + r.fromCycle() + " to " + (r.toCycle() - 1) + " of 8;"
                    + " replay one with -Drunstop.stress.seed=5EED0F11FE5EED01:" + r.fromCycle());
        }
        assertThat(covered).isEqualTo(8);
    }

    @Test
    void badShardsAreRefusedWithTheFormToUse() {
        assertThatThrownBy(() -> StressShard.parse("0/8")).hasMessageContaining("stress shard '0/8': INDEX must be 1 to COUNT (8)");
        assertThatThrownBy(() -> StressShard.parse("9/8")).hasMessageContaining("stress shard '9/8': INDEX must be 1 to COUNT (8)");
        assertThatThrownBy(() -> StressShard.parse("x")).hasMessageContaining("stress shard 'x' is not INDEX/COUNT, such as 2/8");
        assertThatThrownBy(() -> StressShard.of(3, 2)).hasMessageContaining("1 <= INDEX <= COUNT");
        assertThat(StressShard.parse(" 2/8 ")).isEqualTo(StressShard.of(2, 8));
        assertThatThrownBy(() -> StressMode.parse("fuzzy")).hasMessageContaining("stress mode 'fuzzy' is not pct or random");
    }
}
