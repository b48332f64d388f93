package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstop.Group;
import dev.runstop.GroupFailedException;
import dev.runstop.Outcome;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * The actor contract and the argument checks of {@link ContainerActor}: none of these reach Docker (a
 * container object talks to Docker only when it starts), so they run everywhere.
 */
class ContainerActorContractTest {

    @Test
    void aStopBeforeRunMeansTheContainerIsNeverStarted() {
        GenericContainer<?> container = Busybox.lineServer("hello");
        ContainerActor actor = ContainerActor.of(container).publishPort("feed", Busybox.PORT);
        actor.stop(new IllegalStateException("stopped before the group started"));
        actor.stop(new IllegalStateException("and again"));

        StopReport report = new Group("never-started").add("feed-container", actor).run();

        assertThat(container.getContainerId()).isNull();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(report.actor("feed-container").outcome()).isEqualTo(Outcome.RETURNED);
        assertThat(report.clean()).isTrue();
        actor.stop(new IllegalStateException("after run returned"));
    }

    @Test
    void anActorRunsItsContainerOnce() {
        ContainerActor actor = ContainerActor.of(Busybox.lineServer("hello"));
        actor.stop(new IllegalStateException("stop"));
        new Group("first").add("feed-container", actor).run();

        assertThatThrownBy(() -> new Group("second").add("feed-container", actor).run())
                .isInstanceOf(GroupFailedException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("actor 'feed-container': a ContainerActor runs once; make a new one for each group");
        assertThatThrownBy(() -> actor.publishPort("late", Busybox.PORT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot publish a port: this ContainerActor has already run");
    }

    @Test
    void badArgumentsFailAtTheCallThatGaveThem() {
        GenericContainer<?> container = Busybox.lineServer("hello");
        ContainerActor actor = ContainerActor.of(container).publishPort("feed", Busybox.PORT);

        assertThatThrownBy(() -> ContainerActor.of(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("container must not be null");
        assertThatThrownBy(() -> actor.publishPort("other", 7001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishPort(\"other\", 7001): the container does not expose port 7001 (it exposes [7000]);"
                        + " call withExposedPorts(7001) on it first");
        assertThatThrownBy(() -> actor.publishPort("feed", Busybox.PORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishPort(\"feed\", 7000): this actor already publishes 'feed' (container port 7000)");
        assertThatThrownBy(() -> actor.publishPort(" ", Busybox.PORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port handle name must not be blank");
        assertThatThrownBy(() -> actor.stopTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("container stop timeout must be at least 1s, was PT0.5S");
        assertThatThrownBy(() -> actor.stopTimeout(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("container stop timeout must be at least 1s, was null");
    }

    @Test
    void describesItsImageAndHandles() {
        ContainerActor actor = ContainerActor.of(Busybox.lineServer("hello")).publishPort("feed", Busybox.PORT);

        assertThat(actor.toString()).isEqualTo("ContainerActor[busybox:1.37, feed=7000]");
    }

    @Test
    void aStartFailureIsSummedUpInOneLineWithoutTestcontainersWrappers() {
        Exception exited = new RuntimeException("Container startup failed for image busybox:1.37",
                new RuntimeException("Retry limit hit with exception",
                        new RuntimeException("Could not create/start container",
                                new RuntimeException("Lambda expression expected the predicate to return <true> for input of"
                                        + " <InspectContainerResponse(state=InspectContainerResponse.ContainerState(status=exited,"
                                        + " running=false, pid=0, exitCode=3, error=))> within 5 seconds."))));
        Exception waited = new RuntimeException("Container startup failed for image busybox:1.37",
                new IllegalStateException("Could not create/start container",
                        new RuntimeException("Timed out waiting for log output matching '.*ready.*'")));

        assertThat(ContainerActor.reason(exited)).isEqualTo("it exited with code 3 before it was ready");
        assertThat(ContainerActor.reason(new IllegalStateException("Wait strategy failed. Container exited with code 1")))
                .isEqualTo("it exited with code 1 before it was ready");
        assertThat(ContainerActor.reason(waited)).isEqualTo("RuntimeException: Timed out waiting for log output matching '.*ready.*'");
        assertThat(ContainerActor.reason(new RuntimeException("x".repeat(400)))).hasSize(300 + 3).endsWith("...");
    }
}
