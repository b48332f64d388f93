package dev.runstop.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** Recipe: Jetty 12 embedded as an actor; its bound port is published as port handle {@code http}. */
class JettyRecipeTest {

    static Group app() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "hello", callback);
                return true;
            }
        });
        return new Group("jetty")
                .add("http", Actors.service(ctx -> {
                    server.start();
                    ctx.publishPort("http", connector.getLocalPort());
                }, server::stop))
                .add("signals", Actors.signals("INT", "TERM"));
    }

    @Test
    void servesARealRequestAndStopsCleanly() throws Exception {
        RunningGroup app = app().osSignals(false).start();
        try {
            app.awaitReady(Duration.ofSeconds(30));
            HttpResponse<String> response = Get.get(app.handles().port("http"), "/hello");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
        } finally {
            StopReport report = app.stopAndAwait("test done");
            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }
}
