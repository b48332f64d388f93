package dev.runstop.leaks;

import java.util.concurrent.CountDownLatch;

/**
 * What the planted leaks wait on: released once both classes that look at them ({@link PlantedLeaksTest}
 * and {@link OneLeakAmongTwentyTest}, which may run at the same time) are done. The threads are daemons:
 * a run of one class alone leaves them parked until the JVM exits.
 */
final class Planted {
    static final CountDownLatch RELEASE = new CountDownLatch(2);

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
