package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Misuse is named at the call that made it, never waited out in silence. */
class MisuseTest {

    @Test
    void theSameActorInstanceAddedTwiceIsRefusedAtTheSecondAdd() {
        Actor actor = Actors.interruptible(ctx -> new CountDownLatch(1).await());
        Group group = group("twice").add("first", actor);

        assertThatThrownBy(() -> group.add("second", actor)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the same Actor instance is already added as 'first'");
    }

    @Test
    void anActorInstanceRunningInOneGroupIsRefusedByASecondAndTheSecondCanBeFixed() throws Exception {
        Actor shared = Actors.of(ActorContext::awaitStop, cause -> { }); // stateless: safe to run again later
        RunningGroup first = group("first").add("worker", shared).start().awaitReady(LONG);
        Group second = group("second").add("worker", shared);

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the Actor instance added as 'worker' is already running as actor 'worker' of group 'first'");

        first.stopAndAwait("test done");
        RunningGroup again = second.start(); // nothing ran: once the first group ended, it may start
        assertThat(again.awaitReady(LONG).stopAndAwait("test done").clean()).isTrue();
    }

    @Test
    void anActorWaitingForItsOwnGroupGetsAClearExceptionInsteadOfWaitingOnItself() throws Exception {
        AtomicReference<RunningGroup> self = new AtomicReference<>();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        CountDownLatch tried = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Group group = group("self").add("waiter", ctx -> {
            started.await();
            try {
                self.get().stopAndAwait("from inside");
            } catch (IllegalStateException e) {
                refused.set(e);
            } finally {
                tried.countDown();
            }
            ctx.awaitStop();
        });
        RunningGroup running = group.start();
        self.set(running);
        started.countDown();
        await(tried, "the self-wait");

        assertThat(refused.get()).hasMessageContaining("stopAndAwait() called from actor thread 'self/waiter' of group 'self'")
                .hasMessageContaining("would wait for its own actor to return");
        assertThat(running.stopAndAwait("test done").clean()).isTrue();
    }

    @Test
    void aPairFormStopThatClosesTheSocketRunReadsFromIsACleanStop() throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        RunningGroup running = group("pair").add("listener", ctx -> {
            while (true) {
                server.accept().close(); // throws SocketException: Socket closed once stop closed it
            }
        }, cause -> {
            try {
                server.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.actor("listener").endedAfterStop()).containsInstanceOf(java.net.SocketException.class);
    }
}
