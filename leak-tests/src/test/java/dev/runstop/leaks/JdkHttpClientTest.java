package dev.runstop.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runstop.Group;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A JDK HttpServer actor and a client actor calling it with the JDK HttpClient, which has no close() on
 * Java 17: its selector and worker threads outlive the app by design.
 */
@RunstopTest(factoryMethod = "app")
class JdkHttpClientTest {
    static Group app() {
        Group group = new Group("jdk-http");
        group.add("api", ctx -> {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                ctx.publish("api", server.getAddress().getPort());
                ctx.awaitStop();
            } finally {
                server.stop(0);
            }
        });
        group.add("client", ctx -> {
            int port = ctx.handles().await("api", Integer.class, Duration.ofSeconds(10));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            ctx.publish("reply", response.body());
            ctx.awaitStop();
        });
        return group;
    }

    @Test
    void theClientGotItsReply(@Handle("reply") String reply) {
        assertThat(reply).isEqualTo("pong");
    }
}
