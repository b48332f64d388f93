package dev.runstop.junit;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;

/** Small apps for fixtures: a TCP server on an ephemeral port, an actor that ignores stop, one that fails at start. */
final class TestApps {
    private TestApps() {
    }

    /**
     * A server that binds an ephemeral loopback port when it starts running, publishes it under
     * {@code name} (just after the actor counts as ready) and answers each connection with the byte 'k'.
     */
    static Actor server(String name) {
        return new Actor() {
            private ServerSocket socket;
            private boolean stopped;

            @Override
            public void run(ActorContext ctx) throws IOException {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                synchronized (this) {
                    if (stopped) {
                        s.close();
                        return;
                    }
                    socket = s;
                }
                ctx.publishPort(name, s.getLocalPort());
                try {
                    while (true) {
                        try (Socket client = s.accept()) {
                            client.getOutputStream().write('k');
                        }
                    }
                } catch (SocketException e) {
                    synchronized (this) {
                        if (!stopped) {
                            throw e;
                        }
                    }
                }
            }

            @Override
            public synchronized void stop(Throwable cause) {
                stopped = true;
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // closing is all stop does; a failure to close leaves accept() to the deadline
                    }
                }
            }
        };
    }

    /** Connects to the port and reads the server's one byte. */
    static int knock(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(10_000);
            try (InputStream in = socket.getInputStream()) {
                return in.read();
            }
        }
    }

    /** Adds an actor named {@code stubborn} that ignores stop and stays stuck until {@code release} opens. */
    static Group withStraggler(Group group, CountDownLatch release) {
        return group.add("stubborn", ctx -> ignoresStopUntilReleased(release), cause -> { });
    }

    /** The frame a straggler report must name. */
    static void ignoresStopUntilReleased(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An actor that fails before it is ready, as a server whose port is taken would. */
    static Actor failsAtStart() {
        return new Actor() {
            @Override
            public void run(ActorContext ctx) throws IOException {
                throw new IOException("address already in use");
            }

            @Override
            public void stop(Throwable cause) {
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        };
    }
}
