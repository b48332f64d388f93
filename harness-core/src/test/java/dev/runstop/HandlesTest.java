package dev.runstop;

import static dev.runstop.Fixtures.group;
import static dev.runstop.Fixtures.untilStopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HandlesTest {

    record Machine(String state) {
    }

    @Test
    void actorsPublishPortsAndObjectsThatOthersWaitFor() throws Exception {
        AtomicInteger seenByClient = new AtomicInteger();
        RunningGroup running = group("app")
                .add("client", ctx -> {
                    seenByClient.set(ctx.handles().awaitPort("http", Fixtures.LONG));
                    ctx.awaitStop();
                })
                .add("publisher", ctx -> {
                    try (ServerSocket socket = new ServerSocket(0)) {
                        ctx.publishPort("http", socket.getLocalPort());
                        ctx.publish("machine", new Machine("locked"));
                        ctx.awaitStop();
                    }
                })
                .start().awaitReady(Fixtures.LONG);

        Handles handles = running.handles();
        int port = handles.awaitPort("http", Fixtures.LONG);
        assertThat(port).isPositive();
        assertThat(handles.await("machine", Machine.class, Fixtures.LONG).state()).isEqualTo("locked");
        assertThat(handles.getByType(Machine.class).state()).isEqualTo("locked");
        assertThat(handles.get("http", Integer.class)).isEqualTo(port);
        assertThat(handles.find("nothing", Object.class)).isEmpty();
        assertThat(handles.names()).containsExactly("http", "machine");
        assertThat(handles.portNames()).containsExactly("http");
        assertThat(handles.describe()).isEqualTo("http (port " + port + "), machine (Machine)");
        running.stopAndAwait("test");
        assertThat(seenByClient.get()).isEqualTo(port);
    }

    @Test
    void anUnknownNameFailsListingWhatIsPublished() throws Exception {
        RunningGroup running = group("shop").add("x", ctx -> { ctx.publishPort("http", 8080); ctx.awaitStop(); }).start();
        running.handles().awaitPort("http", Fixtures.LONG);
        assertThatThrownBy(() -> running.handles().port("admin"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("group 'shop' publishes no port 'admin'; it publishes: http (port 8080)");
        assertThatThrownBy(() -> running.handles().get("db", Object.class))
                .hasMessage("group 'shop' publishes no handle 'db'; it publishes: http (port 8080)");
        assertThatThrownBy(() -> running.handles().get("http", String.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("handle 'http' of group 'shop' is a java.lang.Integer, not a java.lang.String");
        assertThatThrownBy(() -> running.handles().getByType(Machine.class))
                .hasMessageContaining("publishes no handles of type " + Machine.class.getName());
        running.stopAndAwait("test");
    }

    @Test
    void waitingForAHandleIsBoundedAndEndsWhenTheGroupStops() throws Exception {
        RunningGroup running = group("app").add("x", untilStopped()).start();
        assertThatThrownBy(() -> running.handles().await("db", Object.class, Duration.ofMillis(50)))
                .isInstanceOf(HandleTimeoutException.class)
                .hasMessage("handle 'db' of group 'app' was not published within 50ms; it publishes: nothing");
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            try {
                running.handles().await("db", Object.class, Duration.ofHours(1));
            } catch (HandleTimeoutException expected) {
                assertThat(expected.groupStopped()).isTrue();
                assertThat(expected).hasMessageContaining("stopped (stop requested: test) before handle 'db' was published");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        waiter.start();
        Fixtures.await(waiting, "waiter");
        running.stopAndAwait("test");
        waiter.join(Fixtures.LONG.toMillis());
        assertThat(waiter.isAlive()).isFalse();
    }

    @Test
    void anActorWaitingForAHandleWhenTheGroupStopsReturnsCleanly() {
        StopReport report = group("app")
                .add("dependent", ctx -> ctx.handles().await("never-published", Object.class, Duration.ofHours(1)))
                .add("ender", ctx -> { })
                .run();
        assertThat(report.actor("dependent").outcome()).isEqualTo(Outcome.RETURNED);
    }

    @Test
    void badPublicationsAreRefusedAtTheCall() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        java.util.List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunningGroup running = group("app")
                .add("a", ctx -> {
                    ctx.publish("db", "first");
                    for (Runnable bad : new Runnable[] {
                            () -> ctx.publish("db", "second"),
                            () -> ctx.publish(" ", "x"),
                            () -> ctx.publish("n", null),
                            () -> ctx.publishPort("p", 0),
                            () -> ctx.publishPort("p", 70000)}) {
                        try {
                            bad.run();
                        } catch (RuntimeException e) {
                            errors.add(e);
                        }
                    }
                    checked.countDown();
                    ctx.awaitStop();
                })
                .start();
        Fixtures.await(checked, "publications");
        running.stopAndAwait("test");
        assertThat(errors).extracting(Throwable::getMessage).containsExactly(
                "handle 'db' is already published by actor 'a' in group 'app'",
                "handle name must not be blank (actor 'a')",
                "handle 'n' of actor 'a': value must not be null",
                "port 'p' of actor 'a' must be 1 to 65535 (the port bound), was 0",
                "port 'p' of actor 'a' must be 1 to 65535 (the port bound), was 70000");
    }
}
