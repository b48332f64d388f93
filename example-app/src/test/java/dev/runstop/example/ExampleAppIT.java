package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.ActorReport;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.ProcessActor;
import dev.runstop.ProcessExitException;
import dev.runstop.ProcessOutcome;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a separate process through {@code Actors.process}: the app as its users start and stop it. */
class ExampleAppIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheAppCleanlyWithExitCode0AndTheReportOnStdout() throws Exception {
        ProcessActor app = Actors.process(java("--http-port", "0", "--stop-deadline", "1s"))
                .readyOnLine("^http listening on port (?<http>\\d+)$")
                .tail(200)
                .build();
        StopReport report;
        try (RunningGroup running = group(app).start()) {
            running.awaitReady(WAIT);
            int port = running.handles().port("http");
            assertThat(Http.get(port, "/health")).isEqualTo(new Http.Response(200, "{\"status\":\"ok\"}\n"));
            assertThat(Http.event(port, "coin").status()).isEqualTo(200);
            report = running.stopAndAwait("test done"); // SIGTERM to the app
        }
        assertThat(report.clean()).as("%s%n%s", report, app.output()).isTrue();
        ProcessOutcome outcome = report.actor("app").process().orElseThrow();
        assertThat(outcome.escalation()).as("exited within the grace after SIGTERM").isEqualTo(ProcessOutcome.Escalation.SIGTERM);
        assertThat(outcome.exitCode()).as("exit code; output:%n%s", app.output()).hasValue(0);
        assertThat(stdout(app)).contains("group 'example' stopped because SIGTERM arrived (actor 'signals')", ", clean")
                .containsPattern("\\n  machine +returned ")
                .containsPattern("\\n  http +returned ")
                .containsPattern("\\n  signals +returned ");
    }

    @Test
    void stdinFeedIsAppliedAndItsEndStopsTheAppCleanly() throws Exception {
        Path feed = Files.writeString(dir.resolve("feed.txt"), "coin\npush\nbogus\n{\"event\":\"push\"}\nreset\n");
        ProcessActor app = Actors.process(java("--http-port", "0", "--feed", "-").redirectInput(feed.toFile())).tail(200).build();
        StopReport report = group(app).start().awaitTermination(WAIT).orElseThrow();

        assertThat(report.cause().kind()).as("%s%n%s", report, app.output()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
        assertThat(report.actor("app").process().orElseThrow().exitCode()).hasValue(0);
        assertThat(stdout(app)).contains("group 'example' stopped because actor 'feed' returned", ", clean");
        assertThat(stderr(app)).contains("feed: line 3 malformed, skipped: unknown event 'bogus'",
                "feed: standard input ended after 5 lines");
    }

    @Test
    void badArgumentsPrintTheUsageAndExitWith2() throws Exception {
        ProcessActor app = Actors.process(java("--http-port", "eighty")).tail(200).build();
        ProcessExitException exit = failure(group(app).start().awaitTermination(WAIT).orElseThrow().actor("app"));
        assertThat(exit.exitCode()).isEqualTo(2);
        assertThat(stderr(app)).startsWith("example-app: option --http-port: port must be a number from 0 to 65535, was 'eighty'")
                .contains("usage: java -jar example-app.jar [options]");
        assertThat(stdout(app)).isEmpty();
        assertThat(exit.getMessage()).contains("exited with exit code 2", "to reproduce: ", "example-app.jar --http-port eighty");
    }

    @Test
    void aPortInUseFailsWithExitCode1NamingThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            ProcessActor app = Actors.process(java("--http-port", String.valueOf(taken.getLocalPort())))
                    .readyOnLine("^http listening on port").tail(200).build();
            ProcessExitException exit = failure(group(app).start().awaitTermination(WAIT).orElseThrow().actor("app"));
            assertThat(exit.exitCode()).isEqualTo(1);
            assertThat(stdout(app)).contains("group 'example' stopped because actor 'http' failed (java.net.BindException: "
                    + "cannot listen on port " + taken.getLocalPort());
            assertThat(stderr(app)).contains("example-app did not stop cleanly: java.net.BindException: cannot listen on port "
                    + taken.getLocalPort());
            assertThat(exit.getMessage()).contains("before it was ready");
        }
    }

    private static Group group(ProcessActor app) {
        Group group = new Group("it").osSignals(false).stopDeadline(Duration.ofSeconds(10));
        group.add("app", app);
        return group;
    }

    private static ProcessExitException failure(ActorReport app) {
        Throwable error = app.error().orElseThrow(() -> new AssertionError("the app did not fail: " + app));
        assertThat(error).isInstanceOf(ProcessExitException.class);
        return (ProcessExitException) error;
    }

    private static String stdout(ProcessActor app) {
        return lines(app, "out| ");
    }

    private static String stderr(ProcessActor app) {
        return lines(app, "err| ");
    }

    private static String lines(ProcessActor app, String prefix) {
        return app.output().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .collect(Collectors.joining("\n", "", app.output().stream().anyMatch(l -> l.startsWith(prefix)) ? "\n" : ""));
    }

    private static ProcessBuilder java(String... args) {
        Path jar = Path.of(System.getProperty("example-app.jar", "target/example-app.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
