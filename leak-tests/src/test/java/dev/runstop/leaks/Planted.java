package dev.runstop.leaks;

import java.util.concurrent.CountDownLatch;

/** What the planted leaks wait on: released once the tests that look at them are done. */
final class Planted {
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private Planted() {
    }

    static void park() {
        try {
            RELEASE.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
