package dev.runstop.example;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The other end of the app's TCP feed, owned by a test: a server socket on an ephemeral loopback port that
 * the app connects to, and the accepted connection to write lines into.
 */
final class FeedPeer implements AutoCloseable {
    private final ServerSocket server;
    private Socket connection;

    FeedPeer() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a feed server socket: " + e, e);
        }
    }

    /** @return where the app should connect */
    FeedSource source() {
        return new FeedSource.Tcp(InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort());
    }

    /** Accepts the app's connection (bounded wait). */
    synchronized FeedPeer accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        connection = server.accept();
        return this;
    }

    /** Writes text as is (include the newlines) and flushes it. */
    synchronized FeedPeer send(String text) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** Ends the feed: the app reads end of stream. */
    synchronized void finish() throws IOException {
        connection.shutdownOutput();
    }

    /** Resets the connection (TCP RST): the app's read fails with "Connection reset". */
    synchronized void reset() throws IOException {
        connection.setSoLinger(true, 0);
        connection.close();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            server.close();
        }
    }
}
