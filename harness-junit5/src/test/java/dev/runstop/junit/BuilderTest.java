package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstop.Group;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;

class BuilderTest {
    static final List<String> order = new CopyOnWriteArrayList<>();

    @Fixture
    static class ConfiguredApp {
        @RegisterExtension
        static RunstopExtension app = RunstopExtension.forApp(() -> {
                    order.add("factory");
                    return new Group("built").add("http", TestApps.server("http"));
                })
                .startDeadline(Duration.ofSeconds(20))
                .stopDeadline(Duration.ofSeconds(2))
                .configure(group -> {
                    order.add("configure " + group.actorNames());
                    group.add("extra", ctx -> {
                        ctx.publish("extra", "added by configure");
                        ctx.awaitStop();
                    });
                })
                .configure(group -> order.add("configure again " + group.actorNames()));

        @Test
        void seesWhatConfigureAdded(@Handle("extra") String extra, @Port("http") int port) throws Exception {
            assertThat(extra).isEqualTo("added by configure");
            assertThat(app.app().actorNames()).containsExactly("http", "extra");
            assertThat(app.app().handles().port("http")).isEqualTo(port);
            assertThat(TestApps.knock(port)).isEqualTo('k');
        }
    }

    @Test
    void configureStepsRunAfterTheFactoryAndBeforeStart() {
        order.clear();
        FixtureRun run = FixtureRun.of(ConfiguredApp.class);

        assertThat(run.testResult("seesWhatConfigureAdded").getThrowable()).isEmpty();
        assertThat(run.classResult(ConfiguredApp.class).getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(order).containsExactly("factory", "configure [http]", "configure again [http, extra]");
        assertThatThrownBy(ConfiguredApp.app::app).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no app of this extension is running");
    }

    @Test
    void theBuilderRejectsBadInputAtTheCall() {
        assertThatThrownBy(() -> RunstopExtension.forApp(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app factory");
        RunstopExtension extension = RunstopExtension.forApp(() -> new Group("x"));
        assertThatThrownBy(() -> extension.stopDeadline(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stop deadline must be positive, was PT0S");
        assertThatThrownBy(() -> extension.startDeadline(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start deadline must be positive, was null");
        assertThatThrownBy(() -> extension.configure(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
