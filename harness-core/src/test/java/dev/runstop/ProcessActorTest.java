package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.awaitReport;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes as actors: readiness, ports, exit codes, escalation, process trees. */
class ProcessActorTest {
    /** A short wait that must run out: the process cannot be ready before its gate file exists. */
    private static final Duration NOT_YET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    /** Processes a test started itself; killed after it, so that no test leaks into the next. */
    private final List<ProcessHandle> toKill = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws Exception {
        for (ProcessHandle h : toKill) {
            h.destroyForcibly();
            h.onExit().get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ProcessBuilder sh(String script) {
        return new ProcessBuilder("sh", "-c", script);
    }

    private String gateLoop(Path gate) {
        return "while [ ! -e '" + gate + "' ]; do sleep 0.01; done";
    }

    @Test
    void readyWhenALineOfTheOutputMatches() throws Exception {
        Path gate = dir.resolve("gate");
        ProcessActor actor = Actors.process(sh("echo booting; " + gateLoop(gate) + "; echo 'server is ready now'; exec sleep 1000"))
                .readyOnLine("is ready")
                .build();
        Group group = group("log-ready");
        group.add("server", actor);
        RunningGroup running = group.start();
        assertThatThrownBy(() -> running.awaitReady(NOT_YET)).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("'server'");
        Files.createFile(gate);
        running.awaitReady(LONG);
        long pid = actor.pid().orElseThrow();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        StopReport report = running.stopAndAwait("test done");
        assertThat(report.clean()).as("%s", report).isTrue();
        ProcessOutcome outcome = report.actor("server").process().orElseThrow();
        assertThat(outcome.pid()).isEqualTo(pid);
        assertThat(outcome.escalation()).isEqualTo(ProcessOutcome.Escalation.SIGTERM);
        assertThat(outcome.signal()).as("%s", outcome).contains("SIGTERM");
        assertThat(report.toString()).containsPattern("\\n  server +returned .*pid " + pid + ", SIGTERM; exit code 143 \\(SIGTERM\\)");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse(); // our child: reaped by the JDK
    }

    @Test
    void readyWhenAPortAcceptsAndServesHttp() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // python's http.server cannot report a port it chose in a form of its own
        }
        Files.writeString(dir.resolve("hello.txt"), "hello from a process\n");
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1")
                .directory(dir.toFile());
        Group group = group("port-ready");
        group.add("http", Actors.process(pb).readyOnPort("127.0.0.1", port).publishPort("http", port).build());
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            HttpResponse<String> response = get(running.handles().port("http"), "/hello.txt");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from a process\n");
        }
    }

    @Test
    void aNamedGroupOfTheReadyPatternPublishesThePortTheProcessPrinted() throws Exception {
        Files.writeString(dir.resolve("index.txt"), "port from the log\n");
        ProcessBuilder pb = new ProcessBuilder("python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1")
                .directory(dir.toFile());
        Group group = group("port-from-log");
        group.add("web", Actors.process(pb).readyOnLine("Serving HTTP on \\S+ port (?<port>\\d+)").portHandle("port", "web-port").build());
        StopReport report;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            int port = running.handles().port("web-port");
            assertThat(port).isPositive();
            HttpResponse<String> response = get(port, "/index.txt");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("port from the log\n");
            report = running.stopAndAwait("done");
        }
        assertThat(report.clean()).as("%s", report).isTrue();
    }

    @Test
    void aNonZeroExitWhileRunningFailsTheGroupWithTheCodeAndTheTail() throws Exception {
        Path gate = dir.resolve("gate");
        Group group = group("crash");
        group.add("worker", Actors.process(sh("echo ready; " + gateLoop(gate) + "; echo 'disk full' >&2; exit 3"))
                .readyOnLine("^ready$").build());
        group.add("peer", Fixtures.untilStopped());
        RunningGroup running = group.start();
        running.awaitReady(LONG);
        Files.createFile(gate);
        StopReport report = awaitReport(running);

        assertThat(report.clean()).isFalse();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_FAILED);
        Throwable error = report.actor("worker").error().orElseThrow();
        assertThat(error).isInstanceOf(ProcessExitException.class);
        ProcessExitException exit = (ProcessExitException) error;
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.signal()).isEmpty();
        assertThat(exit.actor()).isEqualTo("worker");
        assertThat(exit.tail()).containsExactly("out| ready", "err| disk full");
        String firstLine = exit.getMessage().lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("actor 'worker' of group 'crash' failed while running: process " + exit.pid()
                + " exited with exit code 3; added at dev.runstop.ProcessActorTest.")
                .contains("; to reproduce: sh -c ");
        assertThat(exit.getMessage()).endsWith("output (2 lines):" + System.lineSeparator() + "  out| ready"
                + System.lineSeparator() + "  err| disk full");
        assertThat(report.failure().orElseThrow().getCause()).isSameAs(error);
    }

    @Test
    void anExitBeforeTheReadyLineFailsTheStartWithTheTail() throws Exception {
        Group group = group("early-exit");
        group.add("db", Actors.process(sh("echo 'config error: no such file' >&2; exit 0")).readyOnLine("ready").build());
        RunningGroup running = group.start();
        assertThatThrownBy(() -> running.awaitReady(LONG)).isInstanceOf(StartFailedException.class)
                .hasMessageContaining("failed before it was ready (a line matching /ready/)")
                .hasMessageContaining("exit code 0")
                .hasMessageContaining("err| config error: no such file");
        assertThat(awaitReport(running).actor("db").error()).containsInstanceOf(ProcessExitException.class);
    }

    @Test
    void aProcessIgnoringSigtermIsKilledWithinTheDeadlineAndLeavesNoStraggler() throws Exception {
        Group group = group("stubborn").stopDeadline(Duration.ofSeconds(2));
        ProcessActor actor = Actors.process(sh("trap '' TERM; sleep 1000 & echo ready; wait")).readyOnLine("ready").build();
        group.add("stubborn", actor);
        RunningGroup running = group.start();
        running.awaitReady(LONG);
        ProcessHandle root = ProcessHandle.of(actor.pid().orElseThrow()).orElseThrow();
        List<ProcessHandle> tree = ProcessTree.snapshot(root);
        assertThat(tree).hasSize(2); // sh and its sleep, both ignoring SIGTERM

        StopReport report = running.stopAndAwait("test done");
        assertThat(report.stragglers()).isEmpty();
        assertThat(report.clean()).as("%s", report).isTrue();
        ActorReport row = report.actor("stubborn");
        assertThat(row.outcome()).isEqualTo(Outcome.RETURNED);
        ProcessOutcome outcome = row.process().orElseThrow();
        assertThat(outcome.escalation()).isEqualTo(ProcessOutcome.Escalation.SIGKILL);
        assertThat(outcome.killedAfter().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)); // half the deadline
        assertThat(outcome.exitCode()).hasValue(137);
        assertThat(outcome.signal()).contains("SIGKILL");
        assertThat(row.stopTook().orElseThrow()).isLessThan(Duration.ofSeconds(2));
        assertThat(report.toString()).containsPattern("SIGTERM, then SIGKILL after 1(s|\\.\\d+s); exit code 137 \\(SIGKILL\\)");
        assertThat(ProcessTree.alive(tree)).as("still running (zombies waiting to be reaped count as ended)").isEmpty();
    }

    @Test
    void theWholeProcessTreeIsGoneAfterTheStop() throws Exception {
        Group group = group("tree");
        ProcessActor actor = Actors.process(sh("sleep 1000 & sh -c 'sleep 1000 & echo ready; wait' & wait")).readyOnLine("ready").build();
        group.add("tree", actor);
        RunningGroup running = group.start();
        running.awaitReady(LONG);
        ProcessHandle root = ProcessHandle.of(actor.pid().orElseThrow()).orElseThrow();
        List<ProcessHandle> tree = ProcessTree.snapshot(root);
        assertThat(tree).hasSize(4); // sh, a nested sh with its sleep, and a sleep

        StopReport report = running.stopAndAwait("test done");
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(ProcessTree.alive(tree)).as("still running (zombies waiting to be reaped count as ended)").isEmpty();
    }

    @Test
    void aStopBeforeRunStartsNoProcess() throws Exception {
        ProcessActor actor = Actors.process(sh("exec sleep 1000")).build();
        actor.stop(new RuntimeException("early"));
        Group group = group("never");
        group.add("never", actor);
        StopReport report = awaitReport(group.start());
        assertThat(actor.pid()).isEmpty();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.ACTOR_RETURNED);
    }

    @Test
    void aCommandThatCannotStartFailsNamingTheActorAndCommand() throws Exception {
        Group group = group("missing");
        group.add("ghost", Actors.process(new ProcessBuilder("no-such-binary-runstop", "--flag")).build());
        StopReport report = awaitReport(group.start());
        assertThat(report.actor("ghost").error().orElseThrow().getMessage())
                .startsWith("actor 'ghost' of group 'missing' could not start its process: ")
                .contains("added at dev.runstop.ProcessActorTest.")
                .endsWith("the command: no-such-binary-runstop --flag");
    }

    @Test
    void badBuilderInputFailsAtTheCall() {
        assertThatThrownBy(() -> Actors.process(new ProcessBuilder())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("process builder has no command");
        assertThatThrownBy(() -> Actors.process(sh("true")).readyOnLine("a").readyOnPort(80)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("readiness is already a line matching /a/");
        assertThatThrownBy(() -> Actors.process(sh("true")).readyOnLine("(?<port>\\d+)").portHandle("prot", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no named group 'prot'; its named groups: [port]");
        assertThatThrownBy(() -> Actors.process(sh("true").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)).readyOnLine("x").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither stdout nor stderr");
    }

    @Test
    void aGraceLongerThanTheDeadlineFailsTheRunBeforeStartingAnything() throws Exception {
        Group group = group("grace").stopDeadline(Duration.ofSeconds(1));
        ProcessActor actor = Actors.process(sh("exec sleep 1000")).killAfter(Duration.ofSeconds(2)).build();
        group.add("slow", actor);
        StopReport report = awaitReport(group.start());
        assertThat(report.actor("slow").error().orElseThrow()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("killAfter(2s) must be shorter than the actor's stop deadline of 1s");
        assertThat(actor.pid()).isEmpty();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(LONG).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LONG).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
