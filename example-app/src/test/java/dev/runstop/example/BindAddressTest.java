package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API listens on loopback by default and on the address of {@code --bind}. On Linux every
 * address of 127.0.0.0/8 reaches the host, so a server bound to 127.0.0.1 refuses 127.0.0.2 while one bound
 * to 0.0.0.0 accepts it.
 */
class BindAddressTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theDefaultListensOnLoopbackOnly() throws Exception {
        try (RunningGroup app = start(Config.defaults().httpPort(0))) {
            int port = app.handles().port("http");
            assertThat(health(InetAddress.getByName("127.0.0.1"), port)).startsWith("HTTP/1.1 200 OK");
            assertThatThrownBy(() -> health(InetAddress.getByName("127.0.0.2"), port)).isInstanceOf(ConnectException.class);
            app.stop("test done");
            StopReport report = app.awaitTermination(WAIT).orElseThrow();
            assertThat(report.clean()).as("%s", report).isTrue();
        }
    }

    @Test
    void bindAllInterfacesAccepts127002() throws Exception {
        try (RunningGroup app = start(CommandLine.parse(new String[] {"--http-port", "0", "--bind", "0.0.0.0"}, java.util.Map.of()))) {
            int port = app.handles().port("http");
            assertThat(health(InetAddress.getByName("127.0.0.2"), port)).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void bindAnotherAddressListensThereOnly() throws Exception {
        try (RunningGroup app = start(CommandLine.parse(new String[] {"--http-port", "0"}, java.util.Map.of("RUNSTOP_BIND", "127.0.0.2")))) {
            int port = app.handles().port("http");
            assertThat(health(InetAddress.getByName("127.0.0.2"), port)).startsWith("HTTP/1.1 200 OK");
            assertThatThrownBy(() -> health(InetAddress.getByName("127.0.0.1"), port)).isInstanceOf(ConnectException.class);
        }
    }

    private static RunningGroup start(Config config) throws InterruptedException {
        RunningGroup app = ExampleApp.group(config).osSignals(false).start();
        app.awaitReady(WAIT);
        return app;
    }

    /** GET /health over a plain socket to the given address: the status line and the rest. */
    private static String health(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
