package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.runstop.ActorReport;
import dev.runstop.Group;
import dev.runstop.Outcome;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;

/** A real container as an actor of a plain group: serving, handles, the stop report, exit and stop paths. */
@RequiresDocker
class ContainerActorTest {
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @Test
    void servesLinesThroughItsPublishedHandlesAndIsListedInTheStopReport() throws Exception {
        GenericContainer<?> container = Busybox.lineServer("hello", "world");
        RunningGroup group = new Group("lines")
                .add("feed-container", ContainerActor.of(container).publishPort("feed", Busybox.PORT))
                .start();
        long t0 = System.nanoTime();
        group.awaitReady(START_DEADLINE);
        long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        String id = container.getContainerId();

        String host = group.handles().get("feed.host", String.class);
        int port = group.handles().port("feed");
        assertThat(Busybox.readLines(host, port)).containsExactly("hello", "world");
        assertThat(Busybox.readLines(host, port)).as("a second connection").containsExactly("hello", "world");
        assertThat(group.handles().names()).containsExactly("feed.host", "feed");

        StopReport report = group.stopAndAwait("test done");

        ActorReport actor = report.actor("feed-container");
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(actor.outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(actor.stopTook()).isPresent();
        assertThat(report.toString()).containsPattern("\\n  feed-container +returned +\\S+ +\\S+");
        assertRemoved(id);
        System.out.printf(Locale.ROOT, "container actor (kill on stop): ready after %d ms, stop took %d ms%n%s%n",
                startMillis, actor.stopTook().orElseThrow().toMillis(), report);
    }

    @Test
    void withAStopTimeoutTheContainerGetsSigtermAndTimeToExit() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        GenericContainer<?> container = new GenericContainer<>(Busybox.IMAGE)
                .withExposedPorts(Busybox.PORT)
                .withCommand("sh", "-c", "trap 'echo got SIGTERM; exit 0' TERM; nc -ll -p 7000 -e echo hi & wait")
                .withLogConsumer((OutputFrame frame) -> logs.add(frame.getUtf8StringWithoutLineEnding()));
        RunningGroup group = new Group("graceful")
                .add("feed-container", ContainerActor.of(container).publishPort("feed", Busybox.PORT)
                        .stopTimeout(Duration.ofSeconds(2)))
                .start();
        group.awaitReady(START_DEADLINE);
        String id = container.getContainerId();

        StopReport report = group.stopAndAwait("test done");

        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(logs).contains("got SIGTERM");
        assertRemoved(id);
        System.out.printf(Locale.ROOT, "container actor (SIGTERM, 2 s timeout, trapped): stop took %d ms%n",
                report.actor("feed-container").stopTook().orElseThrow().toMillis());
    }

    @Test
    void aContainerThatExitsWithZeroEndsTheGroupNormally() throws Exception {
        GenericContainer<?> container = new GenericContainer<>(Busybox.IMAGE)
                .withCommand("sh", "-c", "echo migration done; exit 0");
        StopReport report = new Group("job")
                .add("migrate", ContainerActor.of(container))
                .add("app", ctx -> ctx.awaitStop())
                .start()
                .awaitTermination(HANG_GUARD)
                .orElseThrow(() -> new AssertionError("the group did not end when its container exited"));

        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(report.cause().actor()).isEqualTo("migrate");
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(container.getContainerId()).as("removed").isNull();
    }

    @Test
    void aStopDuringStartInterruptsTheStartAndRemovesTheContainer() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<String> id = new AtomicReference<>();
        GenericContainer<?> container = new GenericContainer<>(Busybox.IMAGE)
                .withCommand("sleep", "600")
                .waitingFor(new NeverReady(waiting, id));
        RunningGroup group = new Group("slow-start")
                .add("db", ContainerActor.of(container))
                .start();
        assertThat(waiting.await(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the wait strategy runs").isTrue();

        group.stop("stopped while the container starts");
        StopReport report = group.awaitTermination(HANG_GUARD).orElseThrow(() -> new AssertionError("did not stop"));

        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(report.actor("db").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(report.actor("db").at(dev.runstop.LifecycleEvent.READY)).isEmpty();
        assertRemoved(id.get());
    }

    static void assertRemoved(String id) {
        assertThat(id).isNotNull();
        assertThatThrownBy(() -> DockerClientFactory.instance().client().inspectContainerCmd(id).exec())
                .as("container %s is removed", id)
                .isInstanceOf(NotFoundException.class);
    }

    /** A wait strategy that says when it starts waiting, then waits until interrupted (at most 60 s). */
    private static final class NeverReady implements WaitStrategy {
        private final CountDownLatch waiting;
        private final AtomicReference<String> id;

        NeverReady(CountDownLatch waiting, AtomicReference<String> id) {
            this.waiting = waiting;
            this.id = id;
        }

        @Override
        public void waitUntilReady(WaitStrategyTarget target) {
            id.set(target.getContainerId());
            waiting.countDown();
            try {
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the container", e);
            }
        }

        @Override
        public WaitStrategy withStartupTimeout(Duration startupTimeout) {
            return this;
        }
    }
}
