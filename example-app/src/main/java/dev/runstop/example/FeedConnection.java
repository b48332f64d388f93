package dev.runstop.example;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * The resource the feed processor blocks on, closed to stop it: holds whatever is open now (a socket
 * being connected, a stream being read). Closing it closes that, and anything opened later at once.
 */
final class FeedConnection implements AutoCloseable {
    private Closeable current;
    private boolean closed;

    /**
     * @param resource just opened
     * @return the resource
     * @throws ClosedChannelException (after closing the resource) if this connection was already closed
     */
    synchronized <T extends Closeable> T register(T resource) throws IOException {
        if (closed) {
            resource.close();
            throw new ClosedChannelException();
        }
        current = resource;
        return resource;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public synchronized String toString() {
        return "feed connection" + (closed ? " (closed)" : "");
    }
}
