package dev.runstop.stress;

import dev.runstop.Actors;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/** Well-behaved actors the corpus apps run beside their buggy one, so that stop order and delays matter. */
final class HealthyActors {
    private HealthyActors() {
    }

    /** Adds "http" (a service with start and stop methods) and "clock" (a task stopped by interrupt). */
    static Group addTo(Group group) {
        group.add("http", Actors.service(() -> { }, () -> { }));
        group.add("clock", Actors.interruptible(ctx -> new CountDownLatch(1).await()));
        return group;
    }
}
