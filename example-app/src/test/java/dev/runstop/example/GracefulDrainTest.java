package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.SessionReport;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP requests are sessions: a request in flight when SIGTERM arrives still gets its response if it
 * finishes within the stop deadline; one that does not is reported by name as cut off.
 */
class GracefulDrainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HeldRequests held = new HeldRequests();
    /** Opened once the group has begun to stop: from then on new sessions are refused. */
    private final CountDownLatch stopping = new CountDownLatch(1);

    /**
     * One app per test, whose {@code POST /events} waits until the test releases it, plus an actor that
     * only tells the test when its stop arrives (it depends on no one, so its stop is not held).
     */
    @RegisterExtension
    final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults()
                    .httpPort(0).requestGate(held)))
            .stopDeadline(Duration.ofSeconds(20))
            .configure(group -> group.add("stop-watch", ctx -> ctx.awaitStop(), cause -> stopping.countDown()));

    @Test
    void requestInFlightAtSigtermCompletesWithinTheDeadline(@Port("http") int port, RunningGroup group) throws Exception {
        CompletableFuture<Http.Response> slow = Http.postAsync(port, "/events", "{\"event\":\"coin\"}");
        assertThat(held.awaitHeld(WAIT)).as("the request reached the app").isTrue();

        group.signal("TERM");
        assertThat(stopping.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the signal began the stop").isTrue();

        Http.Response refused = Http.get(port, "/health");
        assertThat(refused.status()).as("new work is refused while draining").isEqualTo(503);
        assertThat(refused.body()).isEqualTo("{\"error\":\"the app is stopping: GET /health refused\"}\n");
        assertThat(group.report()).as("the app waits for the request in flight").isEmpty();

        held.release();

        assertThat(slow).succeedsWithin(WAIT).isEqualTo(new Http.Response(200,
                "{\"accepted\":true,\"event\":\"coin\",\"from\":\"locked\",\"state\":\"unlocked\"}\n"));
        StopReport report = group.awaitTermination(WAIT).orElseThrow();
        assertThat(report.clean()).as("clean stop:%n%s", report).isTrue();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.actor("http").cutOffSessions()).isEmpty();
    }

    /** Run on the core API: a stop with a session cut off is not clean, which the extension would (rightly) fail. */
    @Test
    void requestBeyondTheDeadlineIsReportedAsCutOffByName() throws Exception {
        HeldRequests stuck = new HeldRequests();
        Group built = ExampleApp.group(Config.defaults().httpPort(0).requestGate(stuck).stopDeadline(Duration.ofMillis(500)))
                .osSignals(false);
        RunningGroup group = built.start();
        StopReport report;
        CompletableFuture<Http.Response> slow;
        try {
            group.awaitReady(WAIT);
            int port = group.handles().port("http");
            slow = Http.postAsync(port, "/events", "{\"event\":\"coin\"}");
            assertThat(stuck.awaitHeld(WAIT)).as("the request reached the app").isTrue();

            group.signal("TERM");
            report = group.awaitTermination(WAIT).orElseThrow();
        } finally {
            stuck.release();
            group.stopAndAwait("test finished");
        }

        assertThat(report.clean()).isFalse();
        assertThat(report.actor("http").cutOffSessions()).extracting(SessionReport::label).containsExactly("POST /events");
        assertThat(report.problems()).filteredOn(p -> p.problem() == ActorException.Problem.SESSION_CUT_OFF)
                .singleElement()
                .satisfies(p -> assertThat(p.getMessage()).startsWith(
                        "actor 'http': session 'POST /events' was cut off: still open at the stop deadline of 500ms"));
        assertThat(report.toString()).contains("session cut off", "cut off: ");
        assertThat(report.failure()).isPresent();
        assertThat(slow).as("the client's connection was closed without an answer").failsWithin(WAIT);
    }
}
