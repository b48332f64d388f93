package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.awaitReport;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.internal.GroupAccess;
import dev.runstop.internal.LifecycleHooks;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whatever the user's code does, a group terminates, and what went wrong is in its report. */
class NeverHangsTest {

    /** An exception whose message and text cannot be had. */
    static final class Unprintable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() is broken");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() is broken");
        }
    }

    @Test
    void anUnprintableExceptionFromRunStillEndsTheGroupAndIsReported() throws Exception {
        RunningGroup running = group("unprintable-run")
                .add("bad", ctx -> { throw new Unprintable(); })
                .add("other", Fixtures.untilStopped())
                .start();

        StopReport report = awaitReport(running);

        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_FAILED);
        assertThat(report.actor("bad").error()).containsInstanceOf(Unprintable.class);
        assertThat(report.toString()).contains(Unprintable.class.getName() + " (its toString() threw");
        assertThat(report.failure().orElseThrow().getMessage()).contains("actor 'bad' failed");
    }

    @Test
    void anUnprintableExceptionFromStopIsReportedAndTerminationCompletes() throws Exception {
        RunningGroup running = group("unprintable-stop")
                .add("bad", ctx -> ctx.awaitStop(), cause -> { throw new Unprintable(); })
                .start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(report.clean()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.getMessage())
                .contains("stop() of actor 'bad' threw").contains("its toString() threw"));
        assertThat(running.termination().toCompletableFuture().get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isSameAs(report);
    }

    @Test
    void aSlowTerminationCallbackNeverHoldsUpAWaiter() throws Exception {
        RunningGroup running = group("slow-callback").add("worker", Fixtures.untilStopped()).start().awaitReady(LONG);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch callbackRan = new CountDownLatch(1);
        running.termination().whenComplete((r, e) -> {
            callbackRan.countDown();
            Fixtures.ignoreStopForever(release); // blocks until the test lets it go
        });

        StopReport report = running.stopAndAwait("test done"); // would wait behind the callback before

        assertThat(report.clean()).isTrue();
        await(callbackRan, "the callback");
        release.countDown();
    }

    @Test
    void aSignalsReadyThatThrowsFailsTheActorAtOnceInsteadOfTheStartDeadline() throws Exception {
        RunningGroup running = group("signals-ready").add("odd", new Actor() {
            @Override
            public void run(ActorContext ctx) throws InterruptedException {
                ctx.awaitStop();
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                throw new UnsupportedOperationException("not decided");
            }
        }).start();

        StartFailedException failed = org.assertj.core.api.Assertions.catchThrowableOfType(StartFailedException.class,
                () -> running.awaitReady(LONG));

        assertThat(failed).hasMessageContaining("actor 'odd' failed before it was ready")
                .hasMessageContaining("signalsReady() of actor 'odd' threw java.lang.UnsupportedOperationException: not decided");
        assertThat(awaitReport(running).actor("odd").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void foreverAndCenturiesAreAcceptedAsEffectivelyForever() throws Exception {
        Duration forever = ChronoUnit.FOREVER.getDuration();
        Group group = group("forever").stopDeadline(forever)
                .add("a", new PairActor(Fixtures.untilStopped(), cause -> { }, true), Duration.ofDays(365L * 300))
                .add("b", Fixtures.untilStopped());

        RunningGroup running = group.start().awaitReady(forever);
        StopReport report = running.stopAndAwait("test done");

        assertThat(report.clean()).isTrue();
        assertThat(report.actor("b").stopDeadline()).isEqualTo(forever);
        assertThat(running.awaitTermination(forever)).contains(report);
    }

    /**
     * The deadline of a straggler whose stop is delivered late, in a perturbed order with delays, is
     * always kept: with the old supervisor a stop delivered between two of its reads gave no wake-up.
     */
    @Test
    void aStragglerWhoseStopIsDeliveredLateInAPerturbedOrderIsAlwaysDeclaredAtItsDeadline() throws Exception {
        for (int cycle = 0; cycle < 40; cycle++) {
            CountDownLatch never = new CountDownLatch(1);
            Group group = group("late-" + cycle).stopDeadline(Duration.ofMillis(50));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "quick" + i;
                names.add(name);
                group.add(name, Fixtures.untilStopped());
            }
            group.add("stuck", ctx -> {
                ctx.awaitStop();
                Fixtures.ignoreStopForever(never);
            });
            names.add("stuck");
            List<String> order = new ArrayList<>(names);
            Collections.rotate(order, cycle % order.size());
            int seed = cycle;
            GroupAccess.get().hooks(group, new LifecycleHooks() {
                @Override
                public List<String> stopOrder(List<String> actors) {
                    return order;
                }

                @Override
                public Duration delayBeforeStop(String actor) {
                    return Duration.ofMillis(Math.floorMod(actor.hashCode() + seed, 3));
                }
            });
            RunningGroup running = group.start().awaitReady(LONG);
            running.stop("cycle " + cycle);
            StopReport report = running.awaitTermination(LONG)
                    .orElseThrow(() -> new AssertionError("the group missed a deadline and did not terminate: " + running.snapshot()));
            assertThat(report.stragglers()).extracting(ActorReport::name).containsExactly("stuck");
            never.countDown();
        }
    }

    private static final Object RUN_LOOP_LOCK = new Object();

    private static void holdRunLoopLock(CountDownLatch held, CountDownLatch release) {
        synchronized (RUN_LOOP_LOCK) {
            held.countDown();
            Fixtures.ignoreStopForever(release);
        }
    }

    private static void stopNeedsRunLoopLock() {
        synchronized (RUN_LOOP_LOCK) {
            RUN_LOOP_LOCK.notifyAll();
        }
    }

    @Test
    void aStopThatHangsOnTheRunLoopsMonitorIsWordedHungWithItsFrameTheLockAndItsOwner() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunningGroup running = group("hung").stopDeadline(Duration.ofMillis(200))
                .add("loop", ctx -> holdRunLoopLock(held, release), cause -> stopNeedsRunLoopLock())
                .start();
        await(held, "the run loop's lock");

        StopReport report = running.stopAndAwait("test done");

        ActorException hung = report.problems().stream().filter(p -> p.problem() == ActorException.Problem.STOP_HUNG)
                .findFirst().orElseThrow(() -> new AssertionError(report.toString()));
        assertThat(hung.getMessage()).startsWith("stop() of actor 'loop' hung: it did not return within the stop deadline of 200ms")
                .contains("stuck at dev.runstop.NeverHangsTest.stopNeedsRunLoopLock(NeverHangsTest.java:")
                .contains("BLOCKED on java.lang.Object@").contains("held by 'hung/loop'");
        assertThat(report.toString()).contains("stop() hung at dev.runstop.NeverHangsTest.stopNeedsRunLoopLock(");
        release.countDown();
    }
}
