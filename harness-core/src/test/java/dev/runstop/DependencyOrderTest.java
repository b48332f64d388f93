package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.awaitReport;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Stop order comes from dependencies: an actor that looked up another's handle (or was declared with
 * {@link Group#dependsOn}) is stopped, and has returned, before the actor it depends on gets its stop.
 */
class DependencyOrderTest {

    /** Publishes a handle named after itself, waits for its stop, and logs when its stop arrives. */
    private static Actor.Body publisher(String name, List<String> log) {
        return ctx -> {
            ctx.publish(name, name + "-value");
            ctx.awaitStop();
            log.add("stop " + name);
        };
    }

    /** Looks up each handle it needs, then waits for its stop; logs when it returns. */
    private static Actor.Body dependent(String name, List<String> log, String... needs) {
        return ctx -> {
            for (String need : needs) {
                ctx.handles().await(need, String.class, LONG);
            }
            ctx.publish(name, name + "-value");
            ctx.awaitStop();
            log.add("stop " + name);
        };
    }

    @Test
    void aChainStopsFromTheLastDependentToTheFirstPublisher() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        RunningGroup running = group("chain")
                .add("db", publisher("db", log))
                .add("pool", dependent("pool", log, "db"))
                .add("api", dependent("api", log, "pool"))
                .start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(log).containsExactly("stop api", "stop pool", "stop db");
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.actor("pool").dependsOn()).containsExactly("db");
        assertThat(report.actor("db").stopHeldFor()).containsExactly("pool");
        assertThat(report.actor("db").stopHeld()).isPresent();
        assertThat(report.actor("api").stopHeld()).isEmpty();
        assertThat(report.toString()).contains("stop held").contains("for 'pool'");
    }

    @Test
    void aDiamondStopsBothMiddlesBeforeTheirSharedPublisherAndAfterTheirSharedDependent() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        RunningGroup running = group("diamond")
                .add("db", publisher("db", log))
                .add("left", dependent("left", log, "db"))
                .add("right", dependent("right", log, "db"))
                .add("top", dependent("top", log, "left", "right"))
                .start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(log.get(0)).isEqualTo("stop top");
        assertThat(log.subList(1, 3)).containsExactlyInAnyOrder("stop left", "stop right");
        assertThat(log.get(3)).isEqualTo("stop db");
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.actor("db").stopHeldFor()).containsExactlyInAnyOrder("left", "right");
    }

    @Test
    void aCycleFallsBackToConcurrentStopAndIsNamed() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch bothPublished = new CountDownLatch(2);
        Actor.Body a = ctx -> {
            ctx.publish("a", "a-value");
            bothPublished.countDown();
            ctx.handles().await("b", String.class, LONG);
            ctx.awaitStop();
            log.add("stop a");
        };
        Actor.Body b = ctx -> {
            ctx.publish("b", "b-value");
            bothPublished.countDown();
            ctx.handles().await("a", String.class, LONG);
            ctx.awaitStop();
            log.add("stop b");
        };
        RunningGroup running = group("cycle").add("a", a).add("b", b).start().awaitReady(LONG);
        await(bothPublished, "both handles");

        StopReport report = awaitStop(running);

        assertThat(log).containsExactlyInAnyOrder("stop a", "stop b");
        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.actor("a").cycle()).containsExactly("a", "b");
        assertThat(report.toString()).contains("in dependency cycle 'a', 'b'");
    }

    @Test
    void aStragglingDependentHoldsItsPublishersStopOnlyUntilItsOwnDeadline() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch never = new CountDownLatch(1);
        Group group = group("straggler")
                .add("db", publisher("db", log))
                .add("pool", new PairActor(ctx -> {
                    ctx.handles().await("db", String.class, LONG);
                    ctx.awaitStop();
                    Fixtures.ignoreStopForever(never);
                }, cause -> { }, true), Duration.ofMillis(200));
        RunningGroup running = group.start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(report.actor("pool").outcome()).isEqualTo(Outcome.STRAGGLER);
        assertThat(log).containsExactly("stop db"); // still stopped, once the pool was past its deadline
        assertThat(report.actor("db").outcome()).isEqualTo(Outcome.RETURNED);
        Duration held = report.actor("db").stopHeld().orElseThrow();
        assertThat(held).isGreaterThanOrEqualTo(Duration.ofMillis(200)); // the pool's own deadline, by construction
        assertThat(report.actor("db").at(LifecycleEvent.STOP_DELIVERED).orElseThrow())
                .isGreaterThanOrEqualTo(report.actor("pool").at(LifecycleEvent.STRAGGLED).orElseThrow());
        never.countDown();
    }

    @Test
    void anInferredAndAnExplicitDependencyBothHoldThePublisher() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        RunningGroup running = group("both")
                .add("db", publisher("db", log))
                .add("pool", dependent("pool", log, "db"))
                .add("metrics", ctx -> { // shares the db's port by convention: no handle shows it
                    ctx.awaitStop();
                    log.add("stop metrics");
                })
                .dependsOn("metrics", "db")
                .start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        assertThat(log.get(2)).isEqualTo("stop db");
        assertThat(report.actor("db").stopHeldFor()).containsExactlyInAnyOrder("pool", "metrics");
        assertThat(report.actor("metrics").dependsOn()).containsExactly("db");
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void aHandleOfAnAlreadyStoppedPublisherIsGoneForAnActorThatLooksTooLate() throws Exception {
        CountDownLatch dbStopped = new CountDownLatch(1);
        CountDownLatch lookedUp = new CountDownLatch(1);
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        RunningGroup running = group("stale")
                .add("db", ctx -> {
                    ctx.publish("db", "db-value");
                    ctx.awaitStop();
                    dbStopped.countDown();
                })
                .add("late", ctx -> {
                    ctx.awaitStop();
                    await(dbStopped, "the db's stop");
                    try {
                        ctx.handles().get("db", String.class);
                    } catch (HandleTimeoutException gone) {
                        seen.add(gone);
                        throw gone; // counts as a normal return of a stopping actor
                    } finally {
                        lookedUp.countDown();
                    }
                })
                .start().awaitReady(LONG);

        StopReport report = running.stopAndAwait("test done");

        await(lookedUp, "the late look-up");
        assertThat(seen).singleElement().satisfies(e -> assertThat(e).hasMessageContaining(
                "handle 'db' of group 'stale' is gone: its publisher, actor 'db', was stopped"));
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void dependsOnNamesItsMistakesAtTheCall() {
        Group group = group("bad").add("a", Fixtures.untilStopped());
        assertThatThrownBy(() -> group.dependsOn("b", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no actor 'b'");
        assertThatThrownBy(() -> group.dependsOn("a", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot depend on 'x': no such actor");
        assertThatThrownBy(() -> group.dependsOn("a", "a")).hasMessageContaining("cannot depend on itself");
        assertThatThrownBy(() -> group.dependsOn("a")).hasMessageContaining("name at least one");
    }

    private static StopReport awaitStop(RunningGroup running) throws InterruptedException {
        running.stop("test done");
        return awaitReport(running);
    }
}
