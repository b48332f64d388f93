package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events sent over the TCP feed reach the state machine, in order. */
class FeedToMachineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FeedPeer FEED = new FeedPeer();

    @RegisterExtension
    static final RunstopExtension APP = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).feed(FEED.source()).onFeedEnd(FeedEnd.KEEP_RUNNING)))
            .stopDeadline(Duration.ofSeconds(2));

    /** The app is ready once its feed is connected: accept that connection. */
    @BeforeAll
    static void acceptTheAppsConnection() throws Exception {
        FEED.accept(WAIT);
    }

    @AfterAll
    static void closeFeed() throws Exception {
        FEED.close();
    }

    @BeforeEach
    void lock(@Handle TurnstileMachine machine) throws Exception {
        Turnstiles.lock(machine);
    }

    @Test
    void bareEventNamesAreAppliedInOrder(@Handle TurnstileMachine machine, @Handle FeedStats feed) throws Exception {
        MachineMetrics before = machine.metrics();
        long processed = feed.processed();
        FEED.send("coin\npush\ncoin\n");
        assertThat(feed.awaitProcessed(processed + 3, WAIT)).as("3 lines processed").isTrue();
        MachineMetrics after = machine.metrics();
        assertThat(after.state()).isEqualTo(TurnstileState.UNLOCKED);
        assertThat(after.acceptedByEvent().get(TurnstileEvent.COIN)).isEqualTo(before.acceptedByEvent().get(TurnstileEvent.COIN) + 2);
        assertThat(after.acceptedByEvent().get(TurnstileEvent.PUSH)).isEqualTo(before.acceptedByEvent().get(TurnstileEvent.PUSH) + 1);
        assertThat(after.rejected()).isEqualTo(before.rejected());
    }

    @Test
    void jsonLinesAndCrlfLineEndingsAreAccepted(@Handle TurnstileMachine machine, @Handle FeedStats feed) throws Exception {
        long processed = feed.processed();
        FEED.send("{\"event\":\"coin\"}\r\n  { \"event\" : \"push\" }  \r\n{\"event\":\"push\"}\n");
        assertThat(feed.awaitProcessed(processed + 3, WAIT)).isTrue();
        assertThat(machine.state()).isEqualTo(TurnstileState.ALARM);
        assertThat(feed.malformed()).isZero();
    }

    @Test
    void rejectedTransitionsFromTheFeedAreCountedNotFatal(@Handle TurnstileMachine machine, @Handle FeedStats feed) throws Exception {
        MachineMetrics before = machine.metrics();
        long processed = feed.processed();
        FEED.send("reset\ncoin\ncoin\n");
        assertThat(feed.awaitProcessed(processed + 3, WAIT)).isTrue();
        MachineMetrics after = machine.metrics();
        assertThat(after.rejectedByEvent().get(TurnstileEvent.RESET)).isEqualTo(before.rejectedByEvent().get(TurnstileEvent.RESET) + 1);
        assertThat(after.rejectedByEvent().get(TurnstileEvent.COIN)).isEqualTo(before.rejectedByEvent().get(TurnstileEvent.COIN) + 1);
        assertThat(after.state()).isEqualTo(TurnstileState.UNLOCKED);
        assertThat(APP.app().stopCause()).isEmpty();
    }

    @Test
    void blankLinesAreSkipped(@Handle FeedStats feed, @Handle TurnstileMachine machine) throws Exception {
        MachineMetrics before = machine.metrics();
        long processed = feed.processed();
        FEED.send("\n   \ncoin\n\npush\n");
        assertThat(feed.awaitProcessed(processed + 2, WAIT)).isTrue();
        // Had blank lines counted, the count would pass 2 before push was applied, or end above 2.
        assertThat(machine.metrics().processed()).isEqualTo(before.processed() + 2);
        assertThat(machine.state()).isEqualTo(TurnstileState.LOCKED);
        assertThat(feed.processed()).isEqualTo(processed + 2);
        assertThat(feed.malformed()).isZero();
    }
}
