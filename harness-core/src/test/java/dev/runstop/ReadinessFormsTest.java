package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Readiness is honest for every actor form: after awaitReady, what an actor published while starting is there. */
class ReadinessFormsTest {

    @Test
    void aBodyServerIsReadyOnlyOnceItWaitsForItsStopSoItsPortIsPublished() throws Exception {
        CountDownLatch bindSlowly = new CountDownLatch(1);
        RunningGroup running = group("body").add("http", ctx -> {
            bindSlowly.await(); // start-up that blocks: not ready yet, whatever its thread looks like
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.start();
            ctx.publishPort("http", server.getAddress().getPort());
            try {
                ctx.awaitStop();
            } finally {
                server.stop(0);
            }
        }).start();
        assertThat(running.isReady()).isFalse();
        bindSlowly.countDown();

        running.awaitReady(LONG);

        assertThat(running.handles().port("http")).isPositive();
        assertThat(running.stopAndAwait("test done").clean()).isTrue();
    }

    @Test
    void aServiceWhoseStartGetsTheContextPublishesItsPortBeforeItIsReady() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RunningGroup running = group("service").add("http", Actors.service(ctx -> {
            server.start();
            ctx.publishPort("http", server.getAddress().getPort());
        }, () -> server.stop(0))).start().awaitReady(LONG);

        assertThat(running.handles().port("http")).isEqualTo(server.getAddress().getPort());
        assertThat(running.state()).isEqualTo(RunningGroup.State.READY);
        assertThat(running.stopAndAwait("test done").clean()).isTrue();
    }

    @Test
    void readinessEndsWithTheStop() throws Exception {
        RunningGroup running = group("ended").add("worker", Fixtures.untilStopped()).start().awaitReady(LONG);
        assertThat(running.isReady()).isTrue();

        StopReport report = running.stopAndAwait("test done");

        assertThat(running.isReady()).isFalse();
        assertThat(running.state()).isEqualTo(RunningGroup.State.TERMINATED);
        StartFailedException late = catchThrowableOfType(StartFailedException.class, () -> running.awaitReady(LONG));
        assertThat(late).hasMessageContaining("group 'ended' stopped before it was ready: stop requested: test done");
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aFailedGroupIsNeverReportedReady() throws Exception {
        RunningGroup running = group("failed").add("bad", ctx -> { throw new IllegalStateException("no config"); })
                .add("ok", Fixtures.untilStopped()).start();
        Fixtures.awaitReport(running);

        StartFailedException failed = catchThrowableOfType(StartFailedException.class, () -> running.awaitReady(LONG));

        assertThat(failed).hasMessageContaining("actor 'bad' failed before it was ready").hasMessageContaining("no config");
        assertThat(running.isReady()).isFalse();
    }

    @Test
    void aPairActorBlockedInItsOwnWaitIsSeenReadyAndOneThatSaysSoIsReadyAtOnce() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RunningGroup running = group("pair")
                .add("waits", ctx -> never.await(), cause -> never.countDown())
                .add("says", ctx -> {
                    ctx.ready();
                    never.await();
                }, cause -> never.countDown())
                .start().awaitReady(LONG);

        assertThat(running.state()).isEqualTo(RunningGroup.State.READY);
        assertThat(running.stopAndAwait("test done").clean()).isTrue();
    }

    @Test
    void anActorThatMustSayReadyButOnlyWaitsForItsStopIsNamedAtTheDeadline() throws Exception {
        RunningGroup running = group("silent").add("quiet", new Actor() {
            @Override
            public void run(ActorContext ctx) throws InterruptedException {
                ctx.awaitStop();
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        }).start();

        StartFailedException failed = catchThrowableOfType(StartFailedException.class,
                () -> running.awaitReady(java.time.Duration.ofMillis(300)));

        assertThat(failed).hasMessageContaining("'quiet' never called ctx.ready(): it waits in ctx.awaitStop()");
        running.stopAndAwait("test done");
    }
}
