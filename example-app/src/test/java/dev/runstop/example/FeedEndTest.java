package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.junit.ExpectAppStop;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What happens when the feed ends: by default the app stops cleanly (oklog semantics); or it keeps running. */
class FeedEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Nested
    class ByDefault {
        private final FeedPeer feed = new FeedPeer();

        @RegisterExtension
        final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                .httpPort(0).feed(feed.source())));

        @AfterEach
        void closeFeed() throws Exception {
            feed.close();
        }

        @Test
        @ExpectAppStop
        void theEndOfTheFeedStopsTheAppCleanlyAfterApplyingEveryLine(@Handle TurnstileMachine machine, RunningGroup group)
                throws Exception {
            feed.accept(WAIT).send("coin\npush\ncoin\n").finish();

            StopReport report = group.awaitTermination(WAIT).orElseThrow();
            assertThat(report.clean()).as("clean stop:%n%s", report).isTrue();
            assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
            assertThat(report.cause().actor()).isEqualTo("feed");
            assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);
            assertThat(machine.metrics().accepted()).isEqualTo(3);
        }
    }

    @Nested
    class WhenKeptRunning {
        private final FeedPeer feed = new FeedPeer();

        @RegisterExtension
        final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                .httpPort(0).feed(feed.source()).onFeedEnd(FeedEnd.KEEP_RUNNING)));

        @AfterEach
        void closeFeed() throws Exception {
            feed.close();
        }

        @Test
        void theAppKeepsServingAfterTheFeedEnds(@Handle FeedStats stats, @Port("http") int port, RunningGroup group)
                throws Exception {
            feed.accept(WAIT).send("coin\n").finish();

            assertThat(stats.awaitEnded(WAIT)).as("the feed processor saw the end of the feed").isTrue();
            assertThat(group.stopCause()).isEmpty();
            assertThat(Http.get(port, "/state").body()).isEqualTo("{\"state\":\"unlocked\"}\n");
            assertThat(Http.event(port, "push").status()).isEqualTo(200);
        }
    }
}
