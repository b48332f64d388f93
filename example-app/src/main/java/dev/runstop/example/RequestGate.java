package dev.runstop.example;

/**
 * A hook the HTTP API calls in {@code POST /events} after the request is parsed and its session opened,
 * before the event is applied. The app's default lets every request through; tests install a gate that
 * blocks on a latch they control, to hold a request in flight deterministically (to show graceful drain).
 */
@FunctionalInterface
public interface RequestGate {
    /** The gate of a normal app: lets every request through at once. */
    RequestGate OPEN = (request, event) -> { };

    /**
     * Called on the request's handler thread; may block.
     *
     * @param request the session label, such as {@code POST /events}
     * @param event the event the request carries
     * @throws InterruptedException if interrupted while blocking; the request then fails with 503
     */
    void enter(String request, TurnstileEvent event) throws InterruptedException;

    /**
     * Called on the handler thread of every request once its session is open, before the request body is
     * read. Does nothing unless a test overrides it (to know that a request is in flight).
     *
     * @param request the session label, such as {@code POST /events}
     * @throws InterruptedException if interrupted while blocking; the request then fails with 503
     */
    default void opened(String request) throws InterruptedException {
    }
}
