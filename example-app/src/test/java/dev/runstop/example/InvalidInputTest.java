package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.RunningGroup;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input over HTTP and over the feed is answered or counted, and the app keeps running. */
class InvalidInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final FeedPeer FEED = new FeedPeer();

    @RegisterExtension
    static final RunstopExtension APP = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).feed(FEED.source()).onFeedEnd(FeedEnd.KEEP_RUNNING)))
            .stopDeadline(Duration.ofSeconds(2));

    @BeforeAll
    static void acceptTheAppsConnection() throws Exception {
        FEED.accept(WAIT);
    }

    @AfterAll
    static void closeFeed() throws Exception {
        FEED.close();
    }

    @ParameterizedTest(name = "[{index}] {0} -> 400 {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"event\":            | invalid JSON: expected a string, number, boolean or null at character 10, found end of input",
        "not json                | invalid JSON: expected '{' at character 1, found 'n'",
        "``                      | invalid JSON: expected '{' at character 1, found end of input",
        "{\"event\":\"kick\"}    | unknown event 'kick'; known events: coin, push, reset",
        "{\"event\":\"COIN\"}    | unknown event 'COIN'; known events: coin, push, reset",
        "{}                      | missing field 'event': send {\\\"event\\\":\\\"coin\\\"}",
        "{\"event\":1}           | field 'event' must be a string, was 1",
        "{\"event\":{\"a\":1}}   | invalid JSON: expected a string, number, boolean or null (nested objects and arrays are not accepted) at character 10, found '{'",
        "{\"event\":\"coin\",\"n\":2} | unexpected fields [n]: send only {\\\"event\\\":\\\"...\\\"}",
        "{\"event\":\"coin\",}   | invalid JSON: expected '\\\"' at character 17, found '}'",
        "{\"event\":\"coin\"} x  | invalid JSON: expected end of input after the object at character 18, found 'x'",
    })
    void badEventRequestsGet400WithAJsonError(String body, String error, @Port("http") int port,
            @Handle TurnstileMachine machine, RunningGroup app) throws Exception {
        MachineMetrics before = machine.metrics();
        Http.Response response = Http.post(port, "/events", body);
        assertThat(response.status()).as("status for %s", body).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"" + error + "\"}\n");
        assertThat(machine.metrics().processed()).as("nothing reached the machine").isEqualTo(before.processed());
        assertThat(Http.get(port, "/health").status()).isEqualTo(200);
        assertThat(app.stopCause()).isEmpty();
    }

    @Test
    void badRequestsAreCountedInMetrics(@Port("http") int port) throws Exception {
        String before = Http.get(port, "/metrics").body();
        long bad = count(before, "\"badRequests\":");
        Http.post(port, "/events", "{oops");
        Http.post(port, "/events", "{\"event\":\"jump\"}");
        assertThat(Http.get(port, "/metrics").body()).contains("\"badRequests\":" + (bad + 2) + ",");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "{\"event\":\"coin\"", "{\"event\":7}", "COIN", "coin push"})
    void malformedFeedLinesAreCountedAndSkipped(String line, @Handle FeedStats feed, @Handle TurnstileMachine machine,
            @Port("http") int port, RunningGroup app) throws Exception {
        Turnstiles.lock(machine);
        long processed = feed.processed();
        long malformed = feed.malformed();
        FEED.send(line + "\ncoin\n");
        assertThat(feed.awaitProcessed(processed + 2, WAIT)).isTrue();
        assertThat(feed.malformed()).isEqualTo(malformed + 1);
        assertThat(machine.state()).as("the line after the malformed one is applied").isEqualTo(TurnstileState.UNLOCKED);
        assertThat(Http.get(port, "/metrics").body()).contains("\"feed\":{\"processed\":" + (processed + 2)
                + ",\"malformed\":" + (malformed + 1) + ",\"ended\":false}");
        assertThat(app.stopCause()).isEmpty();
    }

    @Test
    void overlongFeedLineIsMalformedNotFatal(@Handle FeedStats feed, @Handle TurnstileMachine machine, RunningGroup app)
            throws Exception {
        Turnstiles.lock(machine);
        long processed = feed.processed();
        long malformed = feed.malformed();
        FEED.send("x".repeat(FeedProcessor.MAX_LINE * 3) + "\ncoin\n");
        assertThat(feed.awaitProcessed(processed + 2, WAIT)).isTrue();
        assertThat(feed.malformed()).isEqualTo(malformed + 1);
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);
        assertThat(app.stopCause()).isEmpty();
    }

    private static long count(String json, String key) {
        int at = json.indexOf(key) + key.length();
        int end = at;
        while (Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }
}
