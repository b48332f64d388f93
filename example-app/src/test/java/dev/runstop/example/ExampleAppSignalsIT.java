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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar, run as a separate process with raw signals and stalled sockets: its command line, its
 * environment and a second signal during the drain.
 */
class ExampleAppSignalsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("http listening on port (\\d+)");

    private final List<Process> started = new ArrayList<>();

    @Test
    void aStopDeadlineTooLargeExitsWith2AndSaysSo() throws Exception {
        Map<String, String> messages = Map.of(
                "9999999999999999m", "stop deadline must be at most 24h, was PT166666666666666H39M",
                "99999999999999999999s", "duration '99999999999999999999s' is too large to represent; use at most 24h");
        for (String deadline : List.of("9999999999999999m", "99999999999999999999s")) {
            Process app = start("--http-port", "0", "--stop-deadline", deadline);
            Output stdout = Output.of(app.getInputStream());
            Output stderr = Output.of(app.getErrorStream());
            assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).as("exit code for %s; stderr:%n%s", deadline, stderr.text()).isEqualTo(2);
            assertThat(stderr.awaitEnd()).startsWith("example-app: option --stop-deadline: " + messages.get(deadline))
                    .doesNotContain("Exception");
            assertThat(stdout.awaitEnd()).isEmpty();
        }
    }

    @Test
    void anArgumentWinsOverAnInvalidEnvironmentVariable() throws Exception {
        Process app = start(Map.of("RUNSTOP_HTTP_PORT", "http", "RUNSTOP_STOP_DEADLINE", "soon"),
                "--http-port", "0", "--stop-deadline", "1s");
        Output stdout = Output.of(app.getInputStream());
        Output stderr = Output.of(app.getErrorStream());
        int port = stdout.awaitPort();
        assertThat(Http.get(port, "/health").status()).as("stderr:%n%s", stderr.text()).isEqualTo(200);
        assertThat(app.toHandle().destroy()).isTrue();
        assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).as("exit code; stderr:%n%s", stderr.text()).isZero();
    }

    /**
     * A second SIGTERM while the app drains a request in flight (a client that stalled mid-body) exits at
     * once with 143, saying so, and prints what the app was doing.
     */
    @Test
    void aSecondSignalDuringTheDrainExitsNowWithWhatTheAppWasDoing() throws Exception {
        Process app = start("--http-port", "0", "--stop-deadline", "20s");
        Output stdout = Output.of(app.getInputStream());
        Output stderr = Output.of(app.getErrorStream());
        int port = stdout.awaitPort();
        try (java.net.Socket stalled = new java.net.Socket("127.0.0.1", port)) {
            stalled.getOutputStream().write(("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"ev")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            awaitRequestInFlight(port);

            assertThat(app.toHandle().destroy()).isTrue();
            stderr.awaitLine(Pattern.compile(".*http: stopping; draining 1 request\\(s\\) in flight.*"));
            // The first SIGTERM's actor puts the app's own handler back as it returns: until then a further
            // SIGTERM is the same stop. Send it again until the process reacts.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!app.waitFor(100, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                app.toHandle().destroy();
            }
        }
        assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).as("exit code; stderr:%n%s", stderr.text()).isEqualTo(143);
        assertThat(stderr.awaitEnd()).contains("example-app: second signal: exiting now (SIGTERM while group 'example' was stopping;"
                + " exit code 143)");
        assertThat(stdout.awaitEnd()).as("the group's snapshot: the http actor is still draining")
                .contains("group 'example' is STOPPING", "'http' ", "dev.runstop.example.HttpApi.drain(");
    }

    /** Waits until a request other than our own polls is counted: its session is open (counted after opening). */
    private static void awaitRequestInFlight(int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int polls = 1; ; polls++) {
            String metrics = Http.get(port, "/metrics").body();
            if (metrics.contains("\"requests\":" + (polls + 1) + ",")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the stalled request never reached the app; last /metrics: " + metrics);
            }
            Thread.sleep(20);
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
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("example-app.jar", "target/example-app.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
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

        String awaitLine(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no line matching " + pattern + " within " + WAIT + "; output so far:\n" + all);
                }
                if (pattern.matcher(line).matches()) {
                    return line;
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
