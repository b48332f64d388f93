package dev.runstop;

import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionsTest {

    /** An actor that hands out its context, drains its sessions on stop and then returns. */
    static final class Server implements Actor {
        final AtomicReference<ActorContext> ctx = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean drained;

        @Override
        public void run(ActorContext context) throws Exception {
            ctx.set(context);
            started.countDown();
            context.awaitStop();
            drained = context.awaitSessionsClosed(Duration.ofHours(1));
        }

        @Override
        public void stop(Throwable cause) {
        }
    }

    @Test
    void sessionsInFlightDrainBeforeTheActorReturns() throws Exception {
        Server server = new Server();
        RunningGroup running = group("app").add("http", server).start();
        await(server.started, "server");
        Session request = server.ctx.get().openSession("GET /slow");

        running.stop("test");
        assertThatThrownBy(() -> server.ctx.get().openSession("GET /late"))
                .isInstanceOf(SessionRefusedException.class)
                .hasMessage("actor 'http' of group 'app' is stopping (stop requested: test): new session 'GET /late' refused");
        assertThat(running.awaitTermination(Duration.ofMillis(50))).as("the open session holds the stop").isEmpty();
        request.close();
        StopReport report = Fixtures.awaitReport(running);

        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(server.drained).isTrue();
        assertThat(request.age()).isPositive();
    }

    @Test
    void sessionsStillOpenAtTheDeadlineAreCutOffAndNamed() throws Exception {
        AtomicReference<Session> leftOpen = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        RunningGroup running = group("app").stopDeadline(Duration.ofMillis(150)).recordSessionStacks(true)
                .add("http", ctx -> {
                    leftOpen.set(openRequestInHandler(ctx));
                    opened.countDown();
                    ctx.awaitStop();
                })
                .start();
        await(opened, "session");
        StopReport report = running.stopAndAwait("test");

        assertThat(report.clean()).isFalse();
        ActorReport http = report.actor("http");
        assertThat(http.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(http.cutOffSessions()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("POST /events");
            assertThat(s.actor()).isEqualTo("http");
            assertThat(s.openedOn()).isEqualTo("app/http");
            assertThat(s.age()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(s.openedAt()).extracting(StackTraceElement::getMethodName).startsWith("openRequestInHandler");
        });
        GroupFailedException failure = report.failure().orElseThrow();
        assertThat(failure.getCause()).isInstanceOf(ActorException.class)
                .hasMessageStartingWith("actor 'http': session 'POST /events' was cut off: still open at the stop deadline of 150ms");
        assertThat(report.toString()).contains("1 session cut off", "cut off: session 'POST /events' of actor 'http'");
        leftOpen.get().close();
    }

    private static Session openRequestInHandler(ActorContext ctx) {
        return ctx.openSession("POST /events");
    }

    @Test
    void sessionsOpenFromAnyThreadAndCloseIdempotently() throws Exception {
        Server server = new Server();
        RunningGroup running = group("app").add("http", server).start();
        await(server.started, "server");
        Thread[] workers = new Thread[4];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(() -> {
                for (int j = 0; j < 10_000; j++) {
                    try (Session s = server.ctx.get().openSession("job")) {
                        assertThat(s.label()).isEqualTo("job");
                    }
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join(Fixtures.LONG.toMillis());
        }
        Session once = server.ctx.get().openSession("once");
        once.close();
        once.close();
        assertThat(running.stopAndAwait("test").clean()).isTrue();
    }

    @Test
    void drainingWaitsNoLongerThanTheStopDeadline() throws Exception {
        Server server = new Server();
        RunningGroup running = group("app").stopDeadline(Duration.ofMillis(100)).add("http", server).start();
        await(server.started, "server");
        Session stuck = server.ctx.get().openSession("GET /forever");
        StopReport report = running.stopAndAwait("test");
        assertThat(server.drained).isFalse();
        assertThat(report.actor("http").cutOffSessions()).extracting(SessionReport::label).containsExactly("GET /forever");
        stuck.close();
    }

    @Test
    void aNullLabelIsRefused() throws Exception {
        Server server = new Server();
        RunningGroup running = group("app").add("http", server).start();
        await(server.started, "server");
        assertThatThrownBy(() -> server.ctx.get().openSession(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("session label must not be null (actor 'http')");
        running.stopAndAwait("test");
    }
}
