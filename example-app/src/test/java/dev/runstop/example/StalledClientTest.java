package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.SessionReport;
import dev.runstop.StopReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends the headers of a {@code POST /events} and part of its body, then stalls: at the
 * stop it is not dropped silently. Its request is reported as cut off, by name, and the stop is not clean.
 */
class StalledClientTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Counts down once a request's session is open: the request is in flight. */
    private static final class Opened implements RequestGate {
        final CountDownLatch opened = new CountDownLatch(1);

        @Override
        public void enter(String request, TurnstileEvent event) {
        }

        @Override
        public void opened(String request) {
            opened.countDown();
        }
    }

    @Test
    void aClientStalledMidBodyIsReportedAsCutOff() throws Exception {
        Opened gate = new Opened();
        Group built = ExampleApp.group(Config.defaults().httpPort(0).requestGate(gate).stopDeadline(Duration.ofMillis(500)))
                .osSignals(false);
        RunningGroup group = built.start();
        StopReport report;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), awaitPort(group))) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"ev").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(gate.opened.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the request reached the app").isTrue();

            group.signal("TERM");
            report = group.awaitTermination(WAIT).orElseThrow();

            client.setSoTimeout((int) WAIT.toMillis());
            InputStream in = client.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).as("the server closed the connection").isEmpty();
        } finally {
            group.stopAndAwait("test finished");
        }

        assertThat(report.clean()).as("%s", report).isFalse();
        assertThat(report.actor("http").cutOffSessions()).extracting(SessionReport::label).containsExactly("POST /events");
        assertThat(report.toString()).contains("NOT clean", "session cut off");
    }

    private static int awaitPort(RunningGroup group) throws InterruptedException {
        group.awaitReady(WAIT);
        return group.handles().port("http");
    }
}
