package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.testkit.engine.EventType;

class StragglerTest {
    /** Keeps the fixtures' straggler stuck until the outer test has read the report. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeEach
    void holdStragglers() {
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseStragglers() {
        release.countDown();
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "200ms")
    static class StuckApp {
        static Group app() {
            // 'http' has a stop deadline of its own, so that only 'stubborn' can straggle on a loaded machine
            return TestApps.withStraggler(new Group("stuck-app").add("http", TestApps.server("http"), Duration.ofSeconds(30)),
                    release);
        }

        @Test
        void serves(@Port("http") int port, RunningGroup app) throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            assertThat(app.isReady()).isTrue();
        }
    }

    @Test
    void aStragglerFailsTheClassNamingTheActorItsDeadlineAndWhereItIsStuck() {
        FixtureRun run = FixtureRun.of(StuckApp.class);

        assertThat(run.testResult("serves").getThrowable()).isEmpty();
        Throwable failure = run.classFailure(StuckApp.class);
        assertThat(failure).isInstanceOf(AppStopFailedException.class);
        assertThat(failure.getMessage())
                .contains("group 'stuck-app' did not stop cleanly")
                .contains("actor 'stubborn' is a straggler")
                .contains("stop deadline of 200ms")
                .contains("TestApps.ignoresStopUntilReleased")
                .contains("reproduce: ")
                .contains("StragglerTest$StuckApp");
        ActorException straggler = (ActorException) failure.getCause();
        assertThat(straggler.actor()).isEqualTo("stubborn");
        assertThat(straggler.problem()).isEqualTo(ActorException.Problem.STRAGGLER);
        assertThat(Arrays.stream(straggler.getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("ignoresStopUntilReleased");
        assertThat(((AppStopFailedException) failure).report().stragglers()).hasSize(1);
        assertThat(run.reportEntries("runstop.report")).singleElement().asString()
                .contains("stubborn").contains("straggler").contains("http");
    }

    @Test
    void theTimelinePageAndTheStopReportAreWrittenAndAttached() throws Exception {
        Path page = Path.of("target", "runstop", StuckApp.class.getName() + ".html").toAbsolutePath();
        Path report = Path.of("target", "runstop", StuckApp.class.getName() + ".txt").toAbsolutePath();
        Files.deleteIfExists(page);
        Files.deleteIfExists(report);

        FixtureRun run = FixtureRun.of(StuckApp.class);

        assertThat(run.reportEntries("runstop.timeline")).containsExactly(page.toString());
        assertThat(Files.readString(page)).contains("<svg").contains("stubborn").contains("ignoresStopUntilReleased");
        assertThat(Files.readString(report)).contains("NOT clean").contains("stubborn  straggler")
                .isEqualTo(run.reportEntries("runstop.report").get(0) + System.lineSeparator());
        List<FileEntry> attached = run.results.allEvents().stream().filter(e -> e.getType() == EventType.FILE_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(FileEntry.class)).toList();
        assertThat(attached).map(f -> f.getPath().getFileName().toString())
                .containsExactly(page.getFileName().toString(), report.getFileName().toString());
        assertThat(attached).map(f -> f.getMediaType().orElseThrow())
                .containsExactly("text/html; charset=UTF-8", "text/plain; charset=UTF-8");
        assertThat(Files.readString(attached.get(1).getPath())).isEqualTo(Files.readString(report));
    }

    @Test
    void theReproduceLineNamesTheModuleWhenRunByMaven() {
        FixtureRun run = FixtureRun.of(StuckApp.class);

        String message = run.classFailure(StuckApp.class).getMessage();
        String lastLine = message.substring(message.lastIndexOf('\n') + 1);
        assertThat(lastLine).isEqualTo(Reproduce.line(StuckApp.class));
        if (java.nio.file.Files.exists(java.nio.file.Path.of("pom.xml"))
                && java.nio.file.Files.exists(java.nio.file.Path.of("../pom.xml"))) {
            assertThat(lastLine).isEqualTo("reproduce: ./mvnw -pl harness-junit5 test -Dtest='StragglerTest$StuckApp'");
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class StuckAppWithConfiguredDeadline {
        static Group app() {
            return TestApps.withStraggler(new Group("configured"), release);
        }

        @Test
        void runs(RunningGroup app) {
            assertThat(app.name()).isEqualTo("configured");
        }
    }

    @Test
    void theStopDeadlineComesFromTheConfigurationParameter() {
        FixtureRun run = FixtureRun.of(Map.of("runstop.stop.deadline", "300ms"), StuckAppWithConfiguredDeadline.class);

        assertThat(run.testResult("runs").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.classFailure(StuckAppWithConfiguredDeadline.class).getMessage())
                .contains("actor 'stubborn' is a straggler")
                .contains("stop deadline of 300ms");
    }

    @Test
    void aBadConfigurationParameterFailsTheClassNamingTheKeyAndValue() {
        FixtureRun run = FixtureRun.of(Map.of("runstop.stop.deadline", "soon"), StuckAppWithConfiguredDeadline.class);

        assertThat(run.classFailure(StuckAppWithConfiguredDeadline.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("configuration parameter 'runstop.stop.deadline' is 'soon'")
                .hasMessageContaining("2s, 500ms");
    }

    @Fixture
    static class BuiltStuckApp {
        @RegisterExtension
        static RunstopExtension app = RunstopExtension.forApp(() -> new Group("built"))
                .stopDeadline(Duration.ofMillis(250))
                .configure(group -> TestApps.withStraggler(group, release));

        @Test
        void runs() {
            assertThat(app.app().actorNames()).containsExactly("stubborn");
        }
    }

    @Test
    void aBuilderDeadlineWinsOverTheConfigurationParameter() {
        FixtureRun run = FixtureRun.of(Map.of("runstop.stop.deadline", "5s"), BuiltStuckApp.class);

        assertThat(run.testResult("runs").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(run.classFailure(BuiltStuckApp.class).getMessage())
                .contains("actor 'stubborn' is a straggler")
                .contains("stop deadline of 250ms");
    }
}
