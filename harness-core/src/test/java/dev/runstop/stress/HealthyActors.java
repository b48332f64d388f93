package dev.runstop.stress;

import dev.runstop.Actors;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/** Well-behaved actors the corpus apps run beside their buggy one, so that stop order and delays matter. */
final class HealthyActors {
    private HealthyActors() {
    }

    /**
     * Adds "http" (a service with start and stop methods) and "clock" (a task stopped by interrupt), and sets
     * the app's own stop deadline to 500 ms, which the stress keeps: a straggler is then found in half a second.
     */
    static Group addTo(Group group) {
        group.stopDeadline(java.time.Duration.ofMillis(500));
        group.add("http", Actors.service(() -> { }, () -> { }));
        group.add("clock", Actors.interruptible(ctx -> new CountDownLatch(1).await()));
        return group;
    }
}
