package dev.runstop.readme;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@RunstopTest(factoryMethod = "app", stopDeadline = "2s")
class GreeterAppTest {

    static Group app() throws IOException {              // a fresh, unstarted group per app instance
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> { /* the README elides the handler: */ Greeter.hello(exchange); /* ... */ });
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
    void greets(@Port("http") int port, RunningGroup app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("hello");
    }
}

/** The handler the README elides. */
final class Greeter {
    private Greeter() {
    }

    static void hello(HttpExchange exchange) throws IOException {
        byte[] body = "hello".getBytes(UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
