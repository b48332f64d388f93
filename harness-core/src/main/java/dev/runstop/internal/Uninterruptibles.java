package dev.runstop.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place where runstop waits without giving up on an interrupt: the interrupt is remembered and
 * set again when the wait ends. Not API: for runstop's own packages only.
 */
public final class Uninterruptibles {
    private Uninterruptibles() {
    }

    /** Waits until the latch is open; keeps the caller's interrupt. */
    public static void await(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks until {@code System.nanoTime()} reaches {@code until}; an interrupt does not end it early. */
    public static void parkUntil(long until) {
        boolean interrupted = false;
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parks for {@code nanos}; an interrupt does not end it early. */
    public static void parkFor(long nanos) {
        if (nanos > 0) {
            parkUntil(System.nanoTime() + nanos);
        }
    }
}
