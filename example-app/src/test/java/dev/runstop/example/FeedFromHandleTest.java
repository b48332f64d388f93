package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Outcome;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopExtension;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed's address can come from a handle another actor publishes, as a container actor publishes its
 * mapped port: the feed processor waits for it, so the actors may start in any order.
 */
class FeedFromHandleTest {

    /**
     * Added after the app's own actors: an event source that binds an ephemeral port, publishes
     * {@code events.host} and port {@code events}, and sends three events to the first client.
     */
    @RegisterExtension
    static final RunstopExtension APP = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).feedFromHandle("events").onFeedEnd(FeedEnd.KEEP_RUNNING)))
            .stopDeadline(Duration.ofSeconds(2))
            .configure(group -> {
                ServerSocket server = newServerSocket();
                group.add("event-source", Actors.closing(server, ctx -> {
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    ctx.publish("events.host", InetAddress.getLoopbackAddress().getHostAddress());
                    ctx.publishPort("events", server.getLocalPort());
                    try (Socket client = server.accept()) {
                        OutputStream out = client.getOutputStream();
                        out.write("coin\npush\ncoin\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        ctx.awaitStop();
                    }
                }));
            });

    @Test
    void feedConnectsToThePublishedAddressAndAppliesItsEvents(@Handle FeedStats stats, @Handle TurnstileMachine machine)
            throws Exception {
        assertThat(stats.awaitProcessed(3, Duration.ofSeconds(30))).isTrue();
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);
        assertThat(machine.metrics().accepted()).isEqualTo(3);
    }

    @Test
    void aFeedWaitingForItsAddressStopsCleanlyWhenTheAppStops() throws Exception {
        RunningGroup group = ExampleApp.group(Config.defaults().httpPort(0).feedFromHandle("never-published"))
                .osSignals(false).start();
        group.handles().awaitPort("http", Duration.ofSeconds(30));
        assertThat(group.isReady()).as("the feed is not ready without its address").isFalse();

        StopReport report = group.stopAndAwait("test finished");

        assertThat(report.clean()).as("clean stop:%n%s", report).isTrue();
        assertThat(report.actor("feed").outcome()).isEqualTo(Outcome.RETURNED);
    }

    @Test
    void anAddressNeverPublishedFailsTheFeedNamingTheHandle() throws Exception {
        RunningGroup group = ExampleApp.group(Config.defaults().httpPort(0).feedFromHandle("never-published")
                        .feedHandleTimeout(Duration.ofMillis(200)))
                .osSignals(false).start();

        StopReport report = group.awaitTermination(Duration.ofSeconds(30)).orElseThrow();

        assertThat(report.clean()).isFalse();
        assertThat(report.cause().actor()).isEqualTo("feed");
        assertThat(report.cause().getCause()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the feed's address was not published as port handle 'never-published' within 200 ms: ");
    }

    private static ServerSocket newServerSocket() {
        try {
            return new ServerSocket();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
