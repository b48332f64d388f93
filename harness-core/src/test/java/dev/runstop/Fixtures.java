package dev.runstop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Actors and waits shared by the core tests. Every wait is bounded: a broken rule fails, it never hangs. */
final class Fixtures {
    static final Duration LONG = Duration.ofSeconds(20);

    private Fixtures() {
    }

    /** Blocks until the group delivers stop, then returns. */
    static Actor.Body untilStopped() {
        return ActorContext::awaitStop;
    }

    /** Ignores stop for good: blocks on a latch nobody counts down, swallowing interrupts. */
    static void ignoreStopForever(CountDownLatch never) {
        while (true) {
            try {
                never.await();
                return;
            } catch (InterruptedException ignored) {
                // a straggler ignores interrupts too
            }
        }
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(LONG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    static StopReport awaitReport(RunningGroup group) throws InterruptedException {
        return group.awaitTermination(LONG).orElseThrow(() -> new AssertionError("group did not terminate: " + group));
    }

    /** A group that never touches the process's signal handlers. */
    static Group group(String name) {
        return new Group(name).osSignals(false);
    }
}
