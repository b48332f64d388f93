package dev.runstop.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.example.Config;
import dev.runstop.example.ExampleApp;
import dev.runstop.example.FeedEnd;
import dev.runstop.example.FeedStats;
import dev.runstop.example.TurnstileMachine;
import dev.runstop.example.TurnstileState;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopExtension;
import dev.runstop.testcontainers.ContainerActor;
import dev.runstop.testcontainers.RequiresDocker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** The README's container example (docs/readme/testcontainers.md), as written there. */
@RequiresDocker
class FeedFromContainerTest {
    static GenericContainer<?> feed = new GenericContainer<>(DockerImageName.parse("busybox:1.37"))
            .withExposedPorts(7000)
            .withCommand("sh", "-c", "exec nc -ll -p 7000 -e sh -c 'echo coin; echo push; echo coin'");

    @RegisterExtension
    static RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0)
                    .feedFromHandle("feed")                   // the app waits for handle "feed"
                    .onFeedEnd(FeedEnd.KEEP_RUNNING)))        // the feed's end would otherwise end the app
            .configure(group -> group.add("feed-container",
                    ContainerActor.of(feed).publishPort("feed", 7000)));     // publishes "feed.host" and "feed"

    @Test
    void appliesTheFeed(@Handle FeedStats stats, @Handle TurnstileMachine machine) throws Exception {
        assertThat(stats.awaitEnded(Duration.ofSeconds(30))).isTrue();   // three lines, then the feed ends
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);  // coin, push, coin
    }
}
