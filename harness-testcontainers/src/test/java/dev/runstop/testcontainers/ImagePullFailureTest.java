package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.model.Container;
import dev.runstop.Group;
import dev.runstop.Outcome;
import dev.runstop.RunningGroup;
import dev.runstop.StartFailedException;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An image that is not on the Docker host and cannot be pulled fails the start at once, naming the
 * image and the Docker engine's reason, and leaves no container. The registry host {@code .invalid} never
 * resolves (RFC 2606), so the pull fails on every machine, with or without a reachable registry.
 */
@RequiresDocker
class ImagePullFailureTest {
    private static final String IMAGE = "registry.invalid/runstop/no-such-image:0.0.1";

    @Test
    void anImageThatCannotBePulledFailsTheStartNamingTheImageAndWhy() throws Exception {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(Busybox.PORT);
        long began = System.nanoTime();
        RunningGroup group = new Group("unpullable")
                .add("feed-container", ContainerActor.of(container).publishPort("feed", Busybox.PORT))
                .add("app", ctx -> ctx.awaitStop())
                .start();

        Throwable failure = catchThrowable(() -> group.awaitReady(Duration.ofMinutes(5)));
        StopReport report = group.stopAndAwait("start failed");
        long tookMillis = (System.nanoTime() - began) / 1_000_000;

        assertThat(failure).isInstanceOf(StartFailedException.class).hasMessageContaining("feed-container");
        Throwable cause = failure.getCause();
        assertThat(cause).isInstanceOf(ContainerStartException.class);
        assertThat(cause.getMessage()).startsWith("container " + IMAGE + " (actor 'feed-container') failed to start: image " + IMAGE
                + " is not on the Docker host and could not be pulled: ")
                .contains("registry.invalid", "build, load or tag the image locally first");
        assertThat(((ContainerStartException) cause).image()).isEqualTo(IMAGE);
        assertThat(report.actor("feed-container").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(container.getContainerId()).as("no container was created").isNull();
        List<Container> left = DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec();
        assertThat(left).as("containers of the image").noneMatch(c -> IMAGE.equals(c.getImage()));
        System.out.println("pull failure after " + tookMillis + " ms:\n" + failure.getMessage() + "\ncaused by: " + cause);
    }
}
