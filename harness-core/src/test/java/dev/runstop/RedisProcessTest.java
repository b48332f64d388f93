package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server from the OS packages as an actor, spoken to in RESP over a socket. */
class RedisProcessTest {
    @TempDir
    Path dir;

    /**
     * Under {@code CI=true} a missing redis-server fails the class ({@code .ci/run} installs it); elsewhere
     * the class is skipped with the reason, so the test command works on a machine with only a JDK.
     */
    @BeforeAll
    static void redisIsInstalled() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"));
        String reason = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
        if (!installed && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            System.err.println("RedisProcessTest skipped: " + reason);
        }
        Assumptions.assumeTrue(installed || "true".equalsIgnoreCase(System.getenv("CI")), reason);
        assertThat(Path.of("/usr/bin/redis-server")).as(reason).isExecutable();
    }

    @Test
    void redisOverTcpIsReadyByItsLogLineAndStopsCleanlyOnSigterm() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // redis cannot choose its own port: --port 0 turns TCP off
        }
        Group group = group("cache");
        group.add("redis", Actors.process(new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .readyOnLine("Ready to accept connections")
                .publishPort("redis", port)
                .build());
        StopReport report;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            try (Socket socket = new Socket("127.0.0.1", running.handles().port("redis"))) {
                Resp redis = new Resp(socket.getInputStream(), socket.getOutputStream());
                assertThat(redis.call("PING")).isEqualTo("+PONG");
                assertThat(redis.call("SET", "turnstile", "locked")).isEqualTo("+OK");
                assertThat(redis.call("GET", "turnstile")).isEqualTo("locked");
            }
            report = running.stopAndAwait("test done");
        }
        assertThat(report.clean()).as("%s", report).isTrue();
        ProcessOutcome outcome = report.actor("redis").process().orElseThrow();
        assertThat(outcome.escalation()).isEqualTo(ProcessOutcome.Escalation.SIGTERM);
        assertThat(outcome.exitCode()).hasValue(0); // redis shuts down gracefully on SIGTERM
    }

    @Test
    void redisOnAUnixSocketNeedsNoFreePort() throws Exception {
        Path socketPath = dir.resolve("redis.sock");
        Group group = group("cache-unix");
        group.add("redis", Actors.process(new ProcessBuilder("redis-server", "--port", "0", "--unixsocket", socketPath.toString(),
                        "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .readyOnLine("(?i)ready to accept connections") // "... connections at <socket>" when TCP is off
                .build());
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            assertThat(Files.exists(socketPath)).isTrue();
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath))) {
                Resp redis = new Resp(Channels.newInputStream(channel), Channels.newOutputStream(channel));
                assertThat(redis.call("INCR", "coins")).isEqualTo(":1");
                assertThat(redis.call("INCR", "coins")).isEqualTo(":2");
            }
        }
    }

    /** The smallest RESP client: commands as arrays of bulk strings; simple, integer and bulk replies. */
    private static final class Resp {
        private final BufferedReader in;
        private final OutputStream out;

        Resp(java.io.InputStream in, OutputStream out) {
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
        }

        String call(String... words) throws IOException {
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String w : words) {
                request.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("redis closed the connection");
            }
            return reply.startsWith("$") && !reply.equals("$-1") ? in.readLine() : reply;
        }
    }
}
