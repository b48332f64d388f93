package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Corpus: a resource created after it was closed: stop closes a socket that run has not opened yet. */
final class ResourceAfterCloseApp {
    private ResourceAfterCloseApp() {
    }

    static Group buggy(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("resource-after-close").add("listener", new BuggyListener(leftovers)));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("resource-after-close").add("listener", new FixedListener()));
    }

    static ServerSocket bind() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    static void acceptUntilClosed(ServerSocket socket, ActorContext ctx) throws IOException {
        ctx.publishPort("listener", socket.getLocalPort());
        ctx.ready();
        while (true) {
            socket.accept().close();
        }
    }

    /** Opens its socket in run; stop closes it only if it is already there. */
    static final class BuggyListener implements Actor {
        private final Leftovers leftovers;
        private volatile ServerSocket socket;
        private volatile boolean stopped;

        BuggyListener(Leftovers leftovers) {
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws IOException {
            ServerSocket s = bind();
            leftovers.track(s);
            socket = s;
            try {
                acceptUntilClosed(s, ctx);
            } catch (SocketException closed) {
                if (!stopped) {
                    throw closed;
                }
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
            ServerSocket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public boolean signalsReady() {
            return true;
        }
    }

    /** The fix: opening and closing under one lock, and no opening once stopped. */
    static final class FixedListener implements Actor {
        private final Object lock = new Object();
        private ServerSocket socket;
        private boolean stopped;

        @Override
        public void run(ActorContext ctx) throws IOException {
            ServerSocket s;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                s = socket = bind();
            }
            try {
                acceptUntilClosed(s, ctx);
            } catch (SocketException closed) {
                synchronized (lock) {
                    if (!stopped) {
                        throw closed;
                    }
                }
            }
        }

        @Override
        public void stop(Throwable cause) {
            synchronized (lock) {
                stopped = true;
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        @Override
        public boolean signalsReady() {
            return true;
        }
    }
}
