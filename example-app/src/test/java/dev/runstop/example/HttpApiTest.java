package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON HTTP API of one app per class, on an ephemeral port. */
@RunstopTest(factoryMethod = "app", stopDeadline = "2s")
class HttpApiTest {

    static Group app() {
        return ExampleApp.group(Config.defaults().httpPort(0));
    }

    /** Tests share the class's app: each starts from a locked turnstile. */
    @BeforeEach
    void lock(@Port("http") int port, @Handle("machine") TurnstileMachine machine) throws Exception {
        if (machine.state() == TurnstileState.UNLOCKED) {
            assertThat(Http.event(port, "push").status()).isEqualTo(200);
        } else if (machine.state() == TurnstileState.ALARM) {
            assertThat(Http.event(port, "reset").status()).isEqualTo(200);
        }
        assertThat(machine.state()).isEqualTo(TurnstileState.LOCKED);
    }

    @Test
    void healthAnswersOk(@Port("http") int port) throws Exception {
        assertThat(Http.get(port, "/health")).isEqualTo(new Http.Response(200, "{\"status\":\"ok\"}\n"));
    }

    @Test
    void stateStartsLocked(@Port("http") int port) throws Exception {
        assertThat(Http.get(port, "/state")).isEqualTo(new Http.Response(200, "{\"state\":\"locked\"}\n"));
    }

    @Test
    void coinThenPushCyclesTheTurnstile(@Port("http") int port) throws Exception {
        assertThat(Http.event(port, "coin")).isEqualTo(new Http.Response(200,
                "{\"accepted\":true,\"event\":\"coin\",\"from\":\"locked\",\"state\":\"unlocked\"}\n"));
        assertThat(Http.get(port, "/state").body()).isEqualTo("{\"state\":\"unlocked\"}\n");
        assertThat(Http.event(port, "push")).isEqualTo(new Http.Response(200,
                "{\"accepted\":true,\"event\":\"push\",\"from\":\"unlocked\",\"state\":\"locked\"}\n"));
    }

    @Test
    void invalidTransitionIsRejectedWith409(@Port("http") int port) throws Exception {
        Http.event(port, "coin");
        Http.Response second = Http.event(port, "coin");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body()).isEqualTo("{\"accepted\":false,\"event\":\"coin\",\"from\":\"unlocked\",\"state\":\"unlocked\","
                + "\"error\":\"event 'coin' rejected in state 'unlocked': already unlocked: the coin is returned\"}\n");
        assertThat(Http.get(port, "/state").body()).isEqualTo("{\"state\":\"unlocked\"}\n");
    }

    @Test
    void pushOnLockedTurnstileSoundsTheAlarmUntilReset(@Port("http") int port) throws Exception {
        assertThat(Http.event(port, "push").body()).contains("\"state\":\"alarm\"");
        assertThat(Http.event(port, "coin").status()).isEqualTo(409);
        assertThat(Http.event(port, "reset").body()).contains("\"accepted\":true", "\"state\":\"locked\"");
    }

    @Test
    void metricsCountAcceptedAndRejectedEventsByType(@Port("http") int port, @Handle TurnstileMachine machine) throws Exception {
        MachineMetrics before = machine.metrics();
        Http.event(port, "coin");
        Http.event(port, "coin");
        Http.event(port, "reset");
        String metrics = Http.get(port, "/metrics").body();
        long coins = before.acceptedByEvent().get(TurnstileEvent.COIN) + 1;
        long rejectedCoins = before.rejectedByEvent().get(TurnstileEvent.COIN) + 1;
        long rejectedResets = before.rejectedByEvent().get(TurnstileEvent.RESET) + 1;
        assertThat(metrics).contains("\"state\":\"unlocked\"",
                "\"accepted\":" + (before.accepted() + 1) + ",",
                "\"rejected\":" + (before.rejected() + 2) + ",",
                "\"acceptedByEvent\":{\"coin\":" + coins + ",",
                "\"rejectedByEvent\":{\"coin\":" + rejectedCoins + ",\"push\":" + before.rejectedByEvent().get(TurnstileEvent.PUSH)
                        + ",\"reset\":" + rejectedResets + "}");
        assertThat(machine.metrics().rejected()).isEqualTo(before.rejected() + 2);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405(@Port("http") int port) throws Exception {
        Http.Response missing = Http.get(port, "/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).startsWith("{\"error\":\"no such resource: /nope");
        Http.Response wrongMethod = Http.post(port, "/state", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body()).isEqualTo("{\"error\":\"method POST not allowed on /state; use GET, HEAD\"}\n");
        assertThat(Http.get(port, "/events").status()).isEqualTo(405);
    }
}
