package dev.runstop.stress;

import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * Corpus: a server ready before it is bound. The server picks its port, publishes it and calls
 * {@code ready()}, and only then binds (as a server that reports its configured port as soon as it is
 * configured, before the connector has opened it); a client that waits for the port connects in between and
 * is refused. The fix binds first and publishes the port it is bound to.
 */
final class ReadyBeforeBindApp {
    private ReadyBeforeBindApp() {
    }

    static Group buggy() {
        return HealthyActors.addTo(new Group("ready-before-bind").add("server", ctx -> {
            int port = freePort();
            ctx.publishPort("server", port);
            ctx.ready();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                serve(socket, ctx);
            }
        }).add("client", ReadyBeforeBindApp::client));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("ready-before-bind").add("server", ctx -> {
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                ctx.publishPort("server", socket.getLocalPort());
                ctx.ready();
                serve(socket, ctx);
            }
        }).add("client", ReadyBeforeBindApp::client));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Accepts until stopped: a stop closes the socket from the stop watcher. */
    private static void serve(ServerSocket socket, ActorContext ctx) throws IOException {
        Thread closer = ctx.threadFactory().newThread(() -> {
            try {
                ctx.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing to stop
            }
        });
        closer.start();
        try {
            while (true) {
                socket.accept().close();
            }
        } catch (SocketException closed) {
            if (!ctx.stopDelivered()) {
                throw closed;
            }
        } finally {
            closer.interrupt();
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Connects once the server's port is published. */
    private static void client(ActorContext ctx) throws IOException, InterruptedException {
        int port;
        try {
            port = ctx.handles().awaitPort("server", Duration.ofSeconds(5));
        } catch (dev.runstop.HandleTimeoutException stopped) {
            if (stopped.groupStopped()) {
                return;
            }
            throw stopped;
        }
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port); // refused if the server is not bound yet
        try (s) {
            s.getInputStream().read();
        } catch (SocketException closedByServer) {
            // the server closed the connection: what it does to every client
        }
        ctx.awaitStop();
    }
}
