package dev.runstop.example;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RequestGate} that holds every {@code POST /events} until the test releases it: makes a request
 * slow deterministically, with no sleep. A held request waits at most 60 s, so a test that forgets to
 * release cannot hang the suite.
 */
final class HeldRequests implements RequestGate {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void enter(String request, TurnstileEvent event) throws InterruptedException {
        entered.countDown();
        released.await(60, TimeUnit.SECONDS);
    }

    /** @return true once a request is held, false if none arrived within the timeout */
    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void release() {
        released.countDown();
    }
}
