package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.runstop.Group;
import dev.runstop.Outcome;
import dev.runstop.RunningGroup;
import dev.runstop.StartFailedException;
import dev.runstop.StopReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/** A container that cannot start fails its group's start, with what the container printed. */
@RequiresDocker
class StartFailureTest {

    @Test
    void aContainerThatExitsBeforeItsPortOpensFailsTheStartWithItsLogs() throws Exception {
        GenericContainer<?> container = new GenericContainer<>(Busybox.IMAGE)
                .withExposedPorts(Busybox.PORT)
                .withCommand("sh", "-c", "echo reading /etc/feed.conf; echo 'feed.conf: no such file' >&2; exit 3");
        RunningGroup group = new Group("bad-feed")
                .add("feed-container", ContainerActor.of(container).publishPort("feed", Busybox.PORT))
                .add("app", ctx -> ctx.awaitStop())
                .start();

        Throwable failure = catchThrowable(() -> group.awaitReady(Duration.ofSeconds(60)));
        StopReport report = group.stopAndAwait("start failed");

        assertThat(failure).isInstanceOf(StartFailedException.class).hasMessageContaining("feed-container");
        Throwable cause = failure.getCause();
        assertThat(cause).isInstanceOf(ContainerStartException.class);
        assertThat(cause.getMessage()).startsWith("container busybox:1.37 (actor 'feed-container') failed to start:"
                + " it exited with code 3 before it was ready; last 2 log lines:");
        assertThat(cause.getMessage()).contains("| reading /etc/feed.conf", "| feed.conf: no such file");
        assertThat(((ContainerStartException) cause).lastLogLines())
                .containsExactlyInAnyOrder("reading /etc/feed.conf", "feed.conf: no such file");
        assertThat(report.actor("feed-container").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.actor("feed-container").error()).containsSame(cause);
        assertThat(container.getContainerId()).as("removed").isNull();
        System.out.println("start failure message:\n" + failure.getMessage() + "\ncaused by: " + cause);
    }
}
