package dev.runstop.recipes.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/** The Spring Boot recipe against a real Spring Boot web application, under Spring Boot's managed JUnit. */
class SpringBootRecipeTest {

    static Group app() {
        return new Group("spring")
                .stopDeadline(Duration.ofSeconds(10))
                .add("web", SpringBootActor.of(HelloApplication.class, "--server.port=0", "--server.address=127.0.0.1"))
                .add("signals", Actors.signals("INT", "TERM"));
    }

    @Test
    void servesARealRequestAndStopsCleanly() throws Exception {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.");
        RunningGroup app = app().osSignals(false).start();
        try {
            app.awaitReady(Duration.ofSeconds(60));
            int port = app.handles().port("http");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
        } finally {
            StopReport report = app.stopAndAwait("test done");
            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }

    @Test
    void runsUnderTheJUnitThatSpringBootManages() {
        // spring-boot-starter-parent 3.5.x manages JUnit Jupiter 5.12; runstop's own build uses 6.x.
        assertThat(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion()).startsWith("5.");
    }
}
