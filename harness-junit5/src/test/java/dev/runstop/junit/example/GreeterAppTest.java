package dev.runstop.junit.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The README's example: an app with an HTTP server and a signal actor, tested as users write it. */
@RunstopTest(factoryMethod = "app", stopDeadline = "2s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GreeterAppTest {

    static Group app() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return new Group("greeter")
                .add("http", ctx -> {
                    server.start();
                    try {
                        ctx.publishPort("http", server.getAddress().getPort());
                        ctx.awaitStop();
                    } finally {
                        server.stop(0);
                    }
                })
                .add("signals", Actors.signals("TERM"));
    }

    @Test
    @Order(1)
    void greets(@Port("http") int port, RunningGroup app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("hello");
        assertThat(app.actorNames()).containsExactly("http", "signals");
    }

    @Test
    @Order(2)
    void stopsCleanlyOnSigterm(RunningGroup app) throws Exception {
        app.signal("TERM"); // a stop asked for through the injected RunningGroup does not fail the test

        StopReport report = app.awaitTermination(Duration.ofSeconds(10)).orElseThrow();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.clean()).as("%s", report).isTrue();
    }
}
