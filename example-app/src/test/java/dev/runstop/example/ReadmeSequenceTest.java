package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's curl session, answer by answer, and the HTTP edge cases around it. One fresh app per test. */
class ReadmeSequenceTest {

    @RegisterExtension
    final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults().httpPort(0)))
            .stopDeadline(Duration.ofSeconds(5));

    /** The exact sequence the README shows: six requests, the last one counting itself. */
    @Test
    void theReadmeSessionAnswersWhatTheReadmeShows(@Port("http") int port) throws Exception {
        assertThat(Http.get(port, "/health")).isEqualTo(new Http.Response(200, "{\"status\":\"ok\"}\n"));
        assertThat(Http.event(port, "coin")).isEqualTo(new Http.Response(200,
                "{\"accepted\":true,\"event\":\"coin\",\"from\":\"locked\",\"state\":\"unlocked\"}\n"));
        assertThat(Http.event(port, "coin")).isEqualTo(new Http.Response(409,
                "{\"accepted\":false,\"event\":\"coin\",\"from\":\"unlocked\",\"state\":\"unlocked\",\"error\":\"event 'coin'"
                        + " rejected in state 'unlocked': already unlocked: the coin is returned\"}\n"));
        assertThat(Http.event(port, "kick")).isEqualTo(new Http.Response(400,
                "{\"error\":\"unknown event 'kick'; known events: coin, push, reset\"}\n"));
        assertThat(Http.get(port, "/state")).isEqualTo(new Http.Response(200, "{\"state\":\"unlocked\"}\n"));
        assertThat(Http.get(port, "/metrics")).isEqualTo(new Http.Response(200,
                "{\"state\":\"unlocked\",\"accepted\":1,\"rejected\":1,\"acceptedByEvent\":{\"coin\":1,\"push\":0,\"reset\":0},"
                        + "\"rejectedByEvent\":{\"coin\":1,\"push\":0,\"reset\":0},"
                        + "\"http\":{\"requests\":6,\"badRequests\":1,\"refused\":0}}\n"));
    }

    /** HEAD is GET without a body: same status and content type, and no warning from the JDK's server. */
    @Test
    void headAnswersLikeGetWithoutABodyOrAWarning(@Port("http") int port) throws Exception {
        Logger jdkServer = Logger.getLogger("com.sun.net.httpserver");
        List<LogRecord> warnings = new ArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (warnings) {
                        warnings.add(record);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jdkServer.addHandler(collect);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (String path : List.of("/health", "/state", "/metrics")) {
                HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
                assertThat(head.body()).as("HEAD %s", path).isEmpty();
                assertThat(head.headers().firstValue("Content-Type")).as("HEAD %s", path).contains("application/json");
            }
            HttpResponse<String> headEvents = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                    .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(headEvents.statusCode()).isEqualTo(405);
            assertThat(headEvents.headers().firstValue("Allow")).contains("POST");
        } finally {
            jdkServer.removeHandler(collect);
        }
        synchronized (warnings) {
            assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
        }
    }
}
