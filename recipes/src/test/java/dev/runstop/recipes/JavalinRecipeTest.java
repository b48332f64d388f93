package dev.runstop.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Recipe: a Javalin 7 app as an actor; its bound port is published as port handle {@code http}. */
class JavalinRecipeTest {

    static Group app() {
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("hello"));
        });
        return new Group("javalin")
                .add("http", Actors.service(ctx -> {
                    javalin.start("127.0.0.1", 0);
                    ctx.publishPort("http", javalin.port());
                }, javalin::stop))
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
