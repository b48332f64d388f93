package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged jar, run as a separate process: the app as its users start and stop it. */
class ExampleAppIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("http listening on port (\\d+)");

    private final List<Process> started = new ArrayList<>();

    @Test
    void sigtermStopsTheAppCleanlyWithExitCode0AndTheReportOnStdout() throws Exception {
        Process app = start("--http-port", "0", "--stop-deadline", "1s");
        Output stdout = Output.of(app.getInputStream());
        Output stderr = Output.of(app.getErrorStream());
        int port = stdout.awaitPort();

        assertThat(Http.get(port, "/health")).isEqualTo(new Http.Response(200, "{\"status\":\"ok\"}\n"));
        assertThat(Http.event(port, "coin").status()).isEqualTo(200);

        // SIGTERM. Process.destroy() would also close our end of the pipes, losing the report; the handle does not.
        assertThat(app.toHandle().destroy()).isTrue();
        assertThat(app.waitFor(2, TimeUnit.SECONDS)).as("exited within 2 s of SIGTERM; stderr:%n%s", stderr.text()).isTrue();
        assertThat(app.exitValue()).as("exit code; stderr:%n%s", stderr.text()).isZero();
        String report = stdout.awaitEnd();
        assertThat(report).contains("group 'example' stopped because SIGTERM arrived (actor 'signals')", ", clean")
                .containsPattern("\\n  machine +returned ")
                .containsPattern("\\n  http +returned ")
                .containsPattern("\\n  signals +returned ");
    }

    @Test
    void stdinFeedIsAppliedAndItsEndStopsTheAppCleanly() throws Exception {
        Process app = start("--http-port", "0", "--feed", "-");
        Output stdout = Output.of(app.getInputStream());
        Output stderr = Output.of(app.getErrorStream());
        try (OutputStream in = app.getOutputStream()) {
            in.write("coin\npush\nbogus\n{\"event\":\"push\"}\nreset\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited at the end of its input").isTrue();
        assertThat(app.exitValue()).as("exit code; stderr:%n%s", stderr.text()).isZero();
        assertThat(stdout.awaitEnd()).contains("group 'example' stopped because actor 'feed' returned", ", clean");
        assertThat(stderr.awaitEnd()).contains("feed: line 3 malformed, skipped: unknown event 'bogus'",
                "feed: standard input ended after 5 lines");
    }

    @Test
    void badArgumentsPrintTheUsageAndExitWith2() throws Exception {
        Process app = start("--http-port", "eighty");
        Output stdout = Output.of(app.getInputStream());
        Output stderr = Output.of(app.getErrorStream());
        assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).isEqualTo(2);
        assertThat(stderr.awaitEnd()).startsWith("example-app: option --http-port: port must be a number from 0 to 65535, was 'eighty'")
                .contains("usage: java -jar example-app.jar [options]");
        assertThat(stdout.awaitEnd()).isEmpty();
    }

    @Test
    void aPortInUseFailsWithExitCode1NamingThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Process app = start("--http-port", String.valueOf(taken.getLocalPort()));
            Output stdout = Output.of(app.getInputStream());
            Output stderr = Output.of(app.getErrorStream());
            assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).isEqualTo(1);
            assertThat(stdout.awaitEnd()).contains("group 'example' stopped because actor 'http' failed (java.net.BindException: "
                    + "cannot listen on port " + taken.getLocalPort());
            assertThat(stderr.awaitEnd()).contains("example-app did not stop cleanly: java.net.BindException: cannot listen on port "
                    + taken.getLocalPort());
        }
    }

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("example-app.jar", "target/example-app.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }

    /** Everything a process writes to one stream, read on a thread of its own. */
    private static final class Output {
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer all = new StringBuffer();
        private final CompletableFuture<String> end = new CompletableFuture<>();

        static Output of(InputStream stream) {
            Output out = new Output();
            Thread reader = new Thread(() -> out.pump(stream), "process-output");
            reader.setDaemon(true);
            reader.start();
            return out;
        }

        private void pump(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                all.append("(reading failed: ").append(e).append(")\n");
            }
            end.complete(all.toString());
        }

        int awaitPort() throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("the app printed no 'http listening on port N' within " + WAIT + "; output so far:\n" + all);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        }

        String awaitEnd() throws Exception {
            return end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        String text() {
            return all.toString();
        }
    }

}
