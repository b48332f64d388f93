package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstop.ActorReport;
import dev.runstop.Outcome;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A simulated SIGTERM or SIGINT stops the app gracefully: every actor returns, the report is clean. */
class SignalStopTest {
    private final FeedPeer feed = new FeedPeer();

    /** One app per test: each test stops its own. */
    @RegisterExtension
    final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).feed(feed.source())))
            .stopDeadline(Duration.ofSeconds(5));

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalStopsEveryActorCleanly(String signal, @Port("http") int port, RunningGroup group) throws Exception {
        feed.accept(Duration.ofSeconds(10));
        assertThat(Http.event(port, "coin").status()).isEqualTo(200);

        group.signal(signal);

        StopReport report = group.awaitTermination(Duration.ofSeconds(30)).orElseThrow();
        assertThat(report.clean()).as("clean stop:%n%s", report).isTrue();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.cause().signal()).isEqualTo(signal);
        assertThat(report.cause().actor()).isEqualTo("signals");
        assertThat(report.actors()).extracting(ActorReport::name).containsExactly("machine", "http", "feed", "signals");
        assertThat(report.actors()).allSatisfy(a -> assertThat(a.outcome()).as(a.name()).isEqualTo(Outcome.RETURNED));
        assertThat(report.problems()).isEmpty();
        assertThat(report.toString()).startsWith("group 'example' stopped because SIG" + signal + " arrived (actor 'signals')")
                .contains(", clean");
        assertThatThrownBy(() -> Http.get(port, "/health")).as("the server is closed").isInstanceOf(IOException.class);
    }

    @AfterEach
    void closeFeed() throws Exception {
        feed.close();
    }
}
