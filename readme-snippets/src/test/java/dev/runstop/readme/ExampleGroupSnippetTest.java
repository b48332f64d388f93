package dev.runstop.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import dev.runstop.example.Config;
import dev.runstop.example.FeedProcessor;
import dev.runstop.example.FeedStats;
import dev.runstop.example.HttpApi;
import dev.runstop.example.HttpStats;
import dev.runstop.example.RequestGate;
import dev.runstop.example.TurnstileMachine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's outline of ExampleApp.group, with the elided arguments filled in, built and run. */
class ExampleGroupSnippetTest {

    public static Group group(Config config) {
        Group group = new Group("example").stopDeadline(config.stopDeadline());
        TurnstileMachine machine = new TurnstileMachine();              // event loop on its own thread
        group.add("machine", machine);                                   // stop = poison pill
        group.add("http", new HttpApi(config.httpPort(), machine, new HttpStats(), null, RequestGate.OPEN, null,
                group::stopDeadline)); // stop = drain sessions, then server.stop(0)
        config.feed().ifPresent(source -> group.add("feed",              // stop = close its stream (Actors.closing)
                new FeedProcessor(source, machine, new FeedStats(), config.onFeedEnd(), config.feedHandleTimeout())));
        group.add("signals", Actors.signals("INT", "TERM"));             // SIGINT/SIGTERM end the group
        return group;
    }

    @Test
    void theOutlineBuildsAWorkingApp() throws Exception {
        try (RunningGroup app = group(Config.defaults().httpPort(0)).osSignals(false).start()) {
            app.awaitReady(Duration.ofSeconds(30));
            assertThat(app.handles().port("http")).isPositive();
            app.signal("TERM");
            StopReport report = app.awaitTermination(Duration.ofSeconds(30)).orElseThrow();
            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }
}
