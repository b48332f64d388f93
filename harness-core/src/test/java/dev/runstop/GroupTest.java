package dev.runstop;

import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.awaitReport;
import static dev.runstop.Fixtures.group;
import static dev.runstop.Fixtures.untilStopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GroupTest {

    @Test
    void firstActorToReturnStopsAllAndTheGroupWaitsForAll() {
        List<String> stoppedWith = new java.util.concurrent.CopyOnWriteArrayList<>();
        Group group = group("app")
                .add("batch", ctx -> { })
                .add("server", Actors.of(untilStopped(), cause -> stoppedWith.add("server:" + cause.getMessage())))
                .add("consumer", Actors.of(untilStopped(), cause -> stoppedWith.add("consumer:" + cause.getMessage())));

        StopReport report = group.run();

        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(report.cause().actor()).isEqualTo("batch");
        assertThat(report.clean()).isTrue();
        assertThat(report.actors()).extracting(ActorReport::outcome).containsOnly(Outcome.RETURNED);
        assertThat(stoppedWith).containsExactlyInAnyOrder("server:actor 'batch' returned", "consumer:actor 'batch' returned");
        assertThat(report.actor("server").stopTook()).isPresent();
    }

    @Test
    void anActorThatThrowsIsThePrimaryFailure() {
        IOException boom = new IOException("feed connection reset");
        Group group = group("app")
                .add("feed", ctx -> { throw boom; })
                .add("http", untilStopped());

        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, group::run);

        assertThat(failure).hasCause(boom);
        assertThat(failure.getMessage()).startsWith("group 'app' failed: actor 'feed' failed: java.io.IOException: feed connection reset");
        assertThat(failure.report().cause().kind()).isEqualTo(StopCause.Kind.ACTOR_FAILED);
        assertThat(failure.report().actor("feed").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failure.report().actor("http").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void twoActorsFailingAtOnceKeepBothErrors() {
        CyclicBarrier together = new CyclicBarrier(2);
        Group group = group("app")
                .add("a", ctx -> { together.await(); throw new IllegalStateException("a broke"); })
                .add("b", ctx -> { together.await(); throw new IllegalStateException("b broke"); });

        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, group::run);

        Throwable primary = failure.getCause();
        assertThat(primary).hasMessageEndingWith("broke");
        assertThat(failure.getSuppressed()).hasSize(1);
        ActorException other = (ActorException) failure.getSuppressed()[0];
        assertThat(other.problem()).isEqualTo(ActorException.Problem.FAILED);
        assertThat(other.getCause()).hasMessageEndingWith("broke").isNotSameAs(primary);
        assertThat(other.getMessage()).contains("actor '" + other.actor() + "' also failed");
    }

    @Test
    void stopBeforeRunStartsDoesNotHang() throws Exception {
        // The inner actor's run is entered only after the group delivered stop to it.
        CountDownLatch stopDelivered = new CountDownLatch(1);
        CountDownLatch worked = new CountDownLatch(1);
        Actor inner = Actors.interruptible(ctx -> { worked.countDown(); Thread.sleep(Long.MAX_VALUE); });
        Actor lateStarter = new Actor() {
            @Override
            public void run(ActorContext ctx) throws Exception {
                await(stopDelivered, "stop delivery");
                inner.run(ctx);
            }

            @Override
            public void stop(Throwable cause) {
                inner.stop(cause);
                stopDelivered.countDown();
            }
        };
        StopReport report = group("app").add("late", lateStarter).add("ender", ctx -> { }).run();

        assertThat(report.actor("late").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(worked.getCount()).as("the task must not run after an early stop").isEqualTo(1);
    }

    @Test
    void aStopThatThrowsIsReportedAndDoesNotKeepOthersRunning() {
        Group group = group("app")
                .add("ender", ctx -> { })
                .add("faulty", Actors.of(untilStopped(), cause -> { throw new IllegalStateException("already closed"); }))
                .add("worker", untilStopped());

        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, group::run);

        StopReport report = failure.report();
        assertThat(report.actor("faulty").stopError()).get().satisfies(e -> assertThat(e).hasMessage("already closed"));
        assertThat(report.actor("worker").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(failure.getCause()).isInstanceOf(ActorException.class)
                .hasMessage("stop() of actor 'faulty' threw: java.lang.IllegalStateException: already closed (while stopping, at "
                        + ThreadSnapshot.brief(report.actor("faulty").stopError().orElseThrow().getStackTrace()[0]) + ")");
        assertThat(((ActorException) failure.getCause()).problem()).isEqualTo(ActorException.Problem.STOP_THREW);
    }

    @Test
    void anActorThatIgnoresStopIsAStragglerNamedWithTheFrameItIsStuckIn() {
        CountDownLatch never = new CountDownLatch(1);
        Group group = group("app").stopDeadline(Duration.ofMillis(200))
                .add("ender", ctx -> { })
                .add("stubborn", ctx -> spinInStubbornLoop(never));

        long start = System.nanoTime();
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, group::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("the group returns at the deadline, not never").isLessThan(Duration.ofSeconds(10));
        StopReport report = failure.report();
        ActorReport stubborn = report.actor("stubborn");
        assertThat(stubborn.outcome()).isEqualTo(Outcome.STRAGGLER);
        assertThat(stubborn.stuck()).get().satisfies(s -> {
            assertThat(s.threadName()).isEqualTo("app/stubborn");
            assertThat(s.stuckAt().getMethodName()).isEqualTo("spinInStubbornLoop");
            assertThat(s.state()).isEqualTo(Thread.State.WAITING);
            assertThat(s.lock()).contains("CountDownLatch");
        });
        assertThat(report.stragglers()).extracting(ActorReport::name).containsExactly("stubborn");
        ActorException straggler = (ActorException) failure.getCause();
        assertThat(straggler.problem()).isEqualTo(ActorException.Problem.STRAGGLER);
        assertThat(straggler.getMessage()).contains("actor 'stubborn' is a straggler", "200ms", "spinInStubbornLoop");
        assertThat(straggler.getStackTrace()).extracting(StackTraceElement::getMethodName).contains("spinInStubbornLoop");
        assertThat(report.toString()).contains("stubborn", "straggler", "> 200ms", "spinInStubbornLoop");
        never.countDown();
    }

    private static void spinInStubbornLoop(CountDownLatch never) {
        while (never.getCount() > 0) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // a straggler ignores interrupts too
            }
        }
    }

    @Test
    void perActorStopDeadlineOverridesTheGroupDefault() {
        CountDownLatch never = new CountDownLatch(1);
        Group group = group("app").stopDeadline(Duration.ofMillis(400))
                .add("ender", ctx -> { })
                .add("quick", Actors.of(ctx -> Fixtures.ignoreStopForever(never), cause -> { }), Duration.ofMillis(100))
                .add("slow", ctx -> Fixtures.ignoreStopForever(never));

        StopReport report = catchThrowableOfType(GroupFailedException.class, group::run).report();
        never.countDown();

        ActorReport quick = report.actor("quick");
        ActorReport slow = report.actor("slow");
        assertThat(quick.stopDeadline()).isEqualTo(Duration.ofMillis(100));
        assertThat(slow.stopDeadline()).isEqualTo(Duration.ofMillis(400));
        Duration quickDeclared = quick.at(LifecycleEvent.STRAGGLED).orElseThrow().minus(report.stopAskedAt());
        Duration slowDeclared = slow.at(LifecycleEvent.STRAGGLED).orElseThrow().minus(report.stopAskedAt());
        assertThat(quickDeclared).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(slowDeclared);
        assertThat(slowDeclared).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void stopsAreDeliveredConcurrentlySoASlowStopDelaysNoOne() throws Exception {
        CountDownLatch releaseSlowStop = new CountDownLatch(1);
        CountDownLatch fastReturned = new CountDownLatch(1);
        AtomicReference<Throwable> problem = new AtomicReference<>();
        Group group = group("app")
                .add("slow-stop", Actors.of(untilStopped(), cause -> {
                    try {
                        await(releaseSlowStop, "the fast actor to return first");
                    } catch (Throwable t) {
                        problem.set(t);
                    }
                }))
                .add("fast", ctx -> { ctx.awaitStop(); fastReturned.countDown(); });
        RunningGroup running = group.start().awaitReady(Fixtures.LONG);

        running.stop("test");
        // 'slow-stop' is first in delivery order and its stop blocks until 'fast' has returned: only a
        // concurrent delivery lets 'fast' return.
        await(fastReturned, "'fast' to return while the other stop call is blocked");
        releaseSlowStop.countDown();
        StopReport report = awaitReport(running);

        assertThat(problem.get()).isNull();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void stopDeliveryReachesAThousandActors() {
        Group group = group("many");
        for (int i = 0; i < 1000; i++) {
            group.add("a" + i, untilStopped());
        }
        group.add("ender", ctx -> { });
        StopReport report = group.run();
        assertThat(report.actors()).hasSize(1001).allMatch(ActorReport::clean);
    }

    @Test
    void aGroupWithoutActorsReturnsAtOnce() {
        StopReport report = group("empty").run();
        assertThat(report.actors()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.STOP_REQUESTED);
    }

    @Test
    void actorThreadsAreDaemonsNamedAfterGroupAndActor() throws Exception {
        ConcurrentHashMap<String, Thread> threads = new ConcurrentHashMap<>();
        RunningGroup running = group("shop")
                .add("http", ctx -> { threads.put("http", Thread.currentThread()); ctx.awaitStop(); })
                .add("feed", ctx -> { threads.put("feed", Thread.currentThread()); ctx.awaitStop(); })
                .start().awaitReady(Fixtures.LONG);
        running.stopAndAwait("test");
        assertThat(threads.get("http").getName()).isEqualTo("shop/http");
        assertThat(threads.get("feed").getName()).isEqualTo("shop/feed");
        assertThat(threads.values()).allMatch(Thread::isDaemon);
    }

    @Test
    void stopCauseTellsReturnedFromFailedFromRequestedFromSignal() throws Exception {
        assertThat(group("a").add("x", ctx -> { }).run().cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(catchThrowableOfType(GroupFailedException.class, () -> group("b").add("x", ctx -> { throw new IOException(); }).run())
                .report().cause().kind()).isEqualTo(StopCause.Kind.ACTOR_FAILED);

        RunningGroup requested = group("c").add("x", untilStopped()).start();
        assertThat(requested.stopAndAwait("owner is done").cause())
                .satisfies(c -> assertThat(c.kind()).isEqualTo(StopCause.Kind.STOP_REQUESTED))
                .hasMessage("stop requested: owner is done");

        RunningGroup signalled = group("d").add("signals", Actors.signals("TERM")).add("x", untilStopped()).start()
                .awaitReady(Fixtures.LONG);
        signalled.signal("SIGTERM");
        StopCause cause = awaitReport(signalled).cause();
        assertThat(cause.kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(cause.signal()).isEqualTo("TERM");
        assertThat(cause.isFailure()).isFalse();
    }

    @Test
    void interruptedExceptionAfterStopCountsAsAReturn() {
        AtomicReference<Thread> sleeper = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        StopReport report = group("app")
                .add("sleeper", Actors.of(ctx -> {
                    sleeper.set(Thread.currentThread());
                    sleeping.countDown();
                    Thread.sleep(Long.MAX_VALUE);
                }, cause -> sleeper.get().interrupt()))
                .add("ender", ctx -> await(sleeping, "sleeper to start"))
                .run();
        assertThat(report.actor("sleeper").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(report.actor("sleeper").error()).isEmpty();
    }

    @Test
    void interruptedExceptionBeforeAnyStopIsAFailure() {
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class,
                () -> group("app").add("x", ctx -> { throw new InterruptedException("nobody asked"); }).add("y", untilStopped()).run());
        assertThat(failure).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void interruptingTheThreadRunningTheGroupStopsItAndKeepsTheFlag() throws Exception {
        Group group = group("app").add("worker", untilStopped());
        AtomicReference<StopReport> report = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        Thread runner = new Thread(() -> {
            running.countDown();
            report.set(group.run());
            flag.set(Thread.currentThread().isInterrupted());
        });
        runner.start();
        await(running, "run() to be called");
        runner.interrupt();
        runner.join(Fixtures.LONG.toMillis());

        assertThat(report.get().cause().kind()).isEqualTo(StopCause.Kind.STOP_REQUESTED);
        assertThat(report.get().cause().getMessage()).contains("interrupted");
        assertThat(flag.get()).isTrue();
    }

    @Test
    void aStartedGroupReportsThroughItsHandle() throws Exception {
        RunningGroup running = group("app").add("worker", untilStopped()).start().awaitReady(Fixtures.LONG);
        assertThat(running.report()).isEmpty();
        assertThat(running.stopCause()).isEmpty();
        StopReport report = running.stopAndAwait("done");
        assertThat(running.report()).contains(report);
        assertThat(running.termination().toCompletableFuture().getNow(null)).isSameAs(report);
        running.stop("again"); // stopping a stopped group does nothing
        assertThat(running.stopCause().orElseThrow().getMessage()).isEqualTo("stop requested: done");
    }

    @Test
    void reportReadsAsATable() {
        StopReport report = catchThrowableOfType(GroupFailedException.class, () -> group("shop")
                .add("feed", ctx -> { throw new IOException("reset"); })
                .add("http", untilStopped())
                .run()).report();

        String text = report.toString();
        assertThat(text).startsWith("group 'shop' stopped because actor 'feed' failed (java.io.IOException: reset)");
        assertThat(text.lines()).anySatisfy(l -> assertThat(l).matches("\\s+actor\\s+outcome\\s+ran\\s+stop took\\s+note"));
        assertThat(text.lines()).anySatisfy(l -> assertThat(l).matches("\\s+feed\\s+failed\\s+\\S+\\s+-\\s+java.io.IOException: reset"));
        assertThat(text.lines()).anySatisfy(l -> assertThat(l).matches("\\s+http\\s+returned\\s+\\S+\\s+\\S+"));
        assertThat(report.timeline()).contains("feed:", "run entered", "http:", "stop delivered");
    }

    @Test
    void everyActorIsStoppedWithTheCauseIncludingTheOneThatEndedTheGroup() {
        List<Throwable> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
        group("app").add("ender", Actors.of(ctx -> { }, causes::add)).add("other", Actors.of(untilStopped(), causes::add)).run();
        assertThat(causes).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(StopCause.class)
                .hasMessage("actor 'ender' returned"));
    }

    @Test
    void virtualThreadsAreOptionalAndDetectedAtRunTime() {
        if (Runtime.version().feature() >= 21) {
            StopReport report = group("v").virtualThreads(true).add("a", untilStopped()).add("b", ctx -> { }).run();
            assertThat(report.clean()).isTrue();
        } else {
            assertThatThrownBy(() -> group("v").virtualThreads(true))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("Java 21");
        }
    }
}
