package dev.runstop;

import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.group;
import static dev.runstop.Fixtures.untilStopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every adapter meets the actor contract: stop before run, during it, after it, twice. */
@Timeout(60)
class ActorsTest {

    @Test
    void interruptibleStopsByInterruptAndCountsTheInterruptAsAReturn() {
        CountDownLatch sleeping = new CountDownLatch(1);
        StopReport report = group("app")
                .add("sleeper", Actors.interruptible(ctx -> { sleeping.countDown(); Thread.sleep(Long.MAX_VALUE); }))
                .add("ender", ctx -> await(sleeping, "sleeper"))
                .run();
        assertThat(report.actor("sleeper").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void interruptibleStoppedBeforeRunNeverRunsTheTask() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Actor actor = Actors.interruptible(ctx -> ran.incrementAndGet());
        actor.stop(StopCause.requested("early"));
        actor.stop(StopCause.requested("twice"));
        StopReport report = group("app").add("early", actor).run();
        assertThat(ran.get()).isZero();
        assertThat(report.actor("early").outcome()).isEqualTo(Outcome.RETURNED);
    }

    @Test
    void interruptibleNeverInterruptsTheThreadAfterTheTaskReturned() throws Exception {
        Actor actor = Actors.interruptible(ctx -> { });
        StopReport report = group("app").add("quick", actor).run();
        assertThat(report.clean()).isTrue();
        actor.stop(StopCause.requested("late")); // run has returned: this must not interrupt anyone
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void interruptibleTaskFailingOnItsOwnIsAFailure() {
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class,
                () -> group("app").add("job", Actors.interruptible(ctx -> { throw new IOException("disk full"); })).run());
        assertThat(failure).hasRootCauseMessage("disk full");
    }

    @Test
    void closingStopsAnAcceptLoopByClosingTheServerSocket() throws Exception {
        ServerSocket server = new ServerSocket(0);
        AtomicInteger accepted = new AtomicInteger();
        RunningGroup running = group("app")
                .add("listener", Actors.closing(server, ctx -> {
                    ctx.publishPort("tcp", server.getLocalPort());
                    while (true) {
                        try (Socket s = server.accept()) {
                            accepted.incrementAndGet();
                        }
                    }
                }))
                .start();
        int port = running.handles().awaitPort("tcp", Fixtures.LONG);
        new Socket("localhost", port).close();
        StopReport report = running.stopAndAwait("test");
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(server.isClosed()).isTrue();
    }

    @Test
    void closingStopsAReaderByClosingItsStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0); Socket client = new Socket("localhost", server.getLocalPort());
                Socket accepted = server.accept()) {
            InputStream in = accepted.getInputStream();
            CountDownLatch gotByte = new CountDownLatch(1);
            RunningGroup running = group("app")
                    .add("reader", Actors.closing(in, ctx -> {
                        while (in.read() != -1) {
                            gotByte.countDown();
                        }
                    }))
                    .start();
            client.getOutputStream().write('x');
            client.getOutputStream().flush();
            await(gotByte, "a byte read");
            StopReport report = running.stopAndAwait("test");
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.actor("reader").outcome()).isEqualTo(Outcome.RETURNED);
        }
    }

    @Test
    void closingStoppedBeforeRunClosesOnceAndNeverRunsTheTask() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Actor actor = Actors.closing(closes::incrementAndGet, ctx -> ran.incrementAndGet());
        actor.stop(StopCause.requested("early"));
        actor.stop(StopCause.requested("again"));
        group("app").add("early", actor).run();
        assertThat(closes.get()).isEqualTo(1);
        assertThat(ran.get()).isZero();
    }

    @Test
    void closingReportsAFailingClose() {
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, () -> group("app")
                .add("r", Actors.closing(() -> { throw new IOException("close failed"); }, untilStopped()))
                .add("ender", ctx -> { })
                .run());
        assertThat(failure.report().actor("r").stopError()).get()
                .satisfies(e -> assertThat(e).hasRootCauseMessage("close failed"));
    }

    @Test
    void serviceStartsReportsReadyAndStopsOnce() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        Actor service = Actors.service(starts::incrementAndGet, stops::incrementAndGet);
        assertThat(service.signalsReady()).isTrue();
        RunningGroup running = group("app").add("svc", service).start().awaitReady(Fixtures.LONG);
        assertThat(starts.get()).isEqualTo(1);
        running.stopAndAwait("test");
        service.stop(StopCause.requested("again"));
        assertThat(stops.get()).isEqualTo(1);
    }

    @Test
    void serviceStoppedBeforeRunIsNeverStarted() {
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        Actor service = Actors.service(starts::incrementAndGet, stops::incrementAndGet);
        service.stop(StopCause.requested("early"));
        group("app").add("svc", service).run();
        assertThat(starts.get()).isZero();
        assertThat(stops.get()).isZero();
    }

    @Test
    void serviceThatFailsOnItsOwnEndsTheGroupWithItsError() {
        CompletableFuture<Void> terminated = new CompletableFuture<>();
        AtomicInteger stops = new AtomicInteger();
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, () -> group("app")
                .add("svc", Actors.service(() -> terminated.completeExceptionally(new IOException("worker pool died")),
                        stops::incrementAndGet, terminated))
                .add("other", untilStopped())
                .run());
        assertThat(failure).hasCauseInstanceOf(IOException.class).hasRootCauseMessage("worker pool died");
        assertThat(stops.get()).isEqualTo(1);
    }

    @Test
    void serviceThatFailsToStartIsAFailureAndIsNotStopped() {
        AtomicInteger stops = new AtomicInteger();
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, () -> group("app")
                .add("svc", Actors.service(() -> { throw new IOException("port in use"); }, stops::incrementAndGet))
                .run());
        assertThat(failure).hasRootCauseMessage("port in use");
        assertThat(stops.get()).isZero();
    }

    @Test
    void aSimulatedSignalReachesOnlyItsOwnGroup() throws Exception {
        RunningGroup first = group("first").add("signals", Actors.signals("INT", "TERM")).add("w", untilStopped()).start()
                .awaitReady(Fixtures.LONG);
        RunningGroup second = group("second").add("signals", Actors.signals("TERM")).add("w", untilStopped()).start()
                .awaitReady(Fixtures.LONG);

        first.signal("term");
        StopReport report = Fixtures.awaitReport(first);

        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.clean()).isTrue();
        assertThat(report.toString()).contains("SIGTERM arrived (actor 'signals')");
        assertThat(second.stopCause()).isEmpty();
        assertThatThrownBy(() -> second.signal("INT"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no running actor of group 'second' listens for SIGINT; listening now: [SIGTERM]");
        second.stopAndAwait("test");
    }

    @Test
    void signalNamesAreCheckedWhereTheyAreGiven() {
        assertThatThrownBy(() -> Actors.signals()).hasMessageContaining("name at least one signal");
        assertThatThrownBy(() -> Actors.signals("KILL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported signal 'KILL'; use one of INT, TERM, HUP, USR2");
    }

    @Test
    void adaptersRefuseNullArguments() {
        assertThatThrownBy(() -> Actors.interruptible(null)).hasMessage("task must not be null");
        assertThatThrownBy(() -> Actors.closing(null, ctx -> { })).hasMessage("resource must not be null");
        assertThatThrownBy(() -> Actors.service((CheckedRunnable) null, () -> { })).hasMessage("start must not be null");
        assertThatThrownBy(() -> Actors.service((Actors.Start) null, () -> { })).hasMessage("start must not be null");
        assertThatThrownBy(() -> Actors.of(ctx -> { }, null)).hasMessage("stop function must not be null");
    }
}
