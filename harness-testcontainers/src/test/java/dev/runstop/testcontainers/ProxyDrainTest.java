package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.Session;
import dev.runstop.StopReport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * A proxy whose backend is a real container it finds through a handle: a request in flight when the
 * group stops gets the backend's full answer, because the proxy depends on the container (it looked up
 * its handles) and the container's stop waits until the proxy has drained and returned. No ordering
 * code is written here.
 */
@RequiresDocker
class ProxyDrainTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String BODY = "hello-from-the-backend";

    @Test
    void aRequestInFlightAtTheStopGetsTheBackendsFullAnswer() throws Exception {
        GenericContainer<?> backend = new GenericContainer<>(Busybox.IMAGE)
                .withExposedPorts(Busybox.PORT)
                .withCommand("sh", "-c", "mkdir -p /www && echo " + BODY + " > /www/index.html && exec httpd -f -p "
                        + Busybox.PORT + " -h /www");
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch drainBegan = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.ExecutorService handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        HttpClient client = HttpClient.newHttpClient();
        AtomicReference<ActorContext> proxyContext = new AtomicReference<>();

        Group group = new Group("proxy-app").osSignals(false).stopDeadline(Duration.ofSeconds(20));
        group.add("backend", ContainerActor.of(backend).publishPort("backend", Busybox.PORT));
        group.add("proxy", Actors.service(ctx -> {
            proxyContext.set(ctx);
            String host = ctx.handles().await("backend.host", String.class, LONG);
            int port = ctx.handles().awaitPort("backend", LONG);
            URI upstream = URI.create("http://" + host + ":" + port + "/index.html");
            server.createContext("/", exchange -> {
                try (Session session = ctx.openSession(exchange.getRequestMethod() + " " + exchange.getRequestURI())) {
                    inFlight.countDown();
                    proceed.await(LONG.toMillis(), TimeUnit.MILLISECONDS);
                    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(upstream).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (IOException | InterruptedException e) {
                    exchange.sendResponseHeaders(502, -1);
                    exchange.close();
                }
            });
            server.start();
            ctx.publishPort("http", server.getAddress().getPort());
        }, () -> {
            drainBegan.countDown();
            proxyContext.get().awaitSessionsClosed(LONG); // let the request in flight finish
            server.stop(0);
            handlers.shutdown();
        }));

        RunningGroup app = group.start().awaitReady(LONG);
        URI front = URI.create("http://127.0.0.1:" + app.handles().port("http") + "/");
        CompletableFuture<HttpResponse<String>> response = client.sendAsync(HttpRequest.newBuilder(front).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(inFlight.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("the request reached the proxy").isTrue();

        app.stop("test done");
        assertThat(drainBegan.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("the proxy's drain began").isTrue();
        proceed.countDown(); // only now does the proxy ask the backend: it must still be there

        HttpResponse<String> answer = response.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        StopReport report = app.awaitTermination(LONG).orElseThrow();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body().trim()).isEqualTo(BODY);
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(report.actor("proxy").dependsOn()).containsExactly("backend");
        assertThat(report.actor("backend").stopHeldFor()).containsExactly("proxy");
        System.out.println(report);
    }
}
