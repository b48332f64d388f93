package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actor;
import dev.runstop.Actors;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's programmatic registration; {@code containerActor} stands for any extra actor. */
class ProgrammaticRegistrationTest {
    static Config config = Config.forTests();
    static Actor containerActor = Actors.interruptible(ctx -> ctx.awaitStop());

    @RegisterExtension
    static RunstopExtension app = RunstopExtension.forApp(() -> Shop.group(config))
            .startDeadline(Duration.ofSeconds(10))
            .stopDeadline(Duration.ofSeconds(2))
            .configure(group -> group.add("feed-container", containerActor)); // after the factory, before start

    @Test
    void checksOut() {
        int port = app.app().handles().port("http");
    }

    @Test
    void theConfiguredActorRunsWithTheApp() {
        assertThat(app.app().handles().port("http")).isPositive();
        assertThat(app.app().actorNames()).contains("feed-container");
    }
}
