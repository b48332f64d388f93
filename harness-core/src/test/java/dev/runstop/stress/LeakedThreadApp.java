package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/**
 * Corpus: an actor that spawns a thread it never stops. It starts a heartbeat thread in run and stops it
 * from stop, but only if the thread already exists: when stop comes first, the heartbeat outlives the group.
 */
final class LeakedThreadApp {
    private LeakedThreadApp() {
    }

    static Group buggy(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("leaked-thread").add("heartbeat", new BuggyHeartbeat(leftovers)));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("leaked-thread").add("heartbeat", new FixedHeartbeat()));
    }

    static Thread heartbeatThread(ActorContext ctx) {
        Thread t = new Thread(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException stopped) {
                // the heartbeat ends when interrupted
            }
        }, ctx.groupName() + "/" + ctx.name() + "/beat");
        t.setDaemon(true);
        return t;
    }

    /** Stops its heartbeat thread from stop, if stop finds it. */
    static final class BuggyHeartbeat implements Actor {
        private final CountDownLatch done = new CountDownLatch(1);
        private final Leftovers leftovers;
        private volatile Thread beat;

        BuggyHeartbeat(Leftovers leftovers) {
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            Thread t = heartbeatThread(ctx);
            leftovers.track(t);
            beat = t;
            t.start();
            done.await();
        }

        @Override
        public void stop(Throwable cause) {
            done.countDown();
            Thread t = beat;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    /** The fix: the thread run starts, run stops and waits for, whatever happened before. */
    static final class FixedHeartbeat implements Actor {
        private final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            Thread t = heartbeatThread(ctx);
            t.start();
            try {
                done.await();
            } finally {
                t.interrupt();
                t.join();
            }
        }

        @Override
        public void stop(Throwable cause) {
            done.countDown();
        }
    }
}
