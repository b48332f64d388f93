package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.example.Config;
import dev.runstop.example.ExampleApp;
import dev.runstop.example.FeedEnd;
import dev.runstop.example.FeedStats;
import dev.runstop.example.TurnstileMachine;
import dev.runstop.example.TurnstileState;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example app's event feed comes from a container: the container is one more actor of the app's
 * group, publishing its address as handles {@code feed.host} and {@code feed}; the app's feed processor
 * waits for them. Nobody orders the start.
 */
@RequiresDocker
class ExampleAppFeedFromContainerTest {

    @RegisterExtension
    static final RunstopExtension APP = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).feedFromHandle("feed").onFeedEnd(FeedEnd.KEEP_RUNNING)))
            .stopDeadline(Duration.ofSeconds(5))
            .configure(group -> group.add("feed-container",
                    ContainerActor.of(Busybox.lineServer("coin", "push", "coin")).publishPort("feed", Busybox.PORT)));

    @Test
    void theAppAppliesTheEventsTheContainerServes(@Handle FeedStats stats, @Handle TurnstileMachine machine) throws Exception {
        assertThat(stats.awaitEnded(Duration.ofSeconds(30))).as("the feed ended after its three lines").isTrue();
        assertThat(stats.processed()).isEqualTo(3);
        assertThat(machine.metrics().accepted()).isEqualTo(3);
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);
    }

    @Test
    void testsSeeTheContainersAddressToo(@Port("feed") int port, @Handle("feed.host") String host) throws Exception {
        assertThat(Busybox.readLines(host, port)).containsExactly("coin", "push", "coin");
    }
}
