package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Corpus: a stop before run starts is lost, because run sets the "running" flag that stop clears. */
final class LostStopApp {
    private LostStopApp() {
    }

    static Group buggy(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("lost-stop").add("poller", new BuggyPoller(leftovers)));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("lost-stop").add("poller", new FixedPoller()));
    }

    /** Polls its inbox while running; run sets running = true, overwriting a stop that came first. */
    static final class BuggyPoller implements Actor {
        private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        private final Leftovers leftovers;
        private volatile boolean running;

        BuggyPoller(Leftovers leftovers) {
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            leftovers.track(Thread.currentThread());
            running = true;
            while (running) {
                inbox.poll(5, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void stop(Throwable cause) {
            running = false;
        }
    }

    /** The fix: a stopped flag that only stop sets, so a stop before run is kept; stop also wakes the poll. */
    static final class FixedPoller implements Actor {
        private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        private volatile boolean stopped;

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            while (!stopped) {
                inbox.poll(5, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void stop(Throwable cause) {
            stopped = true;
            inbox.offer("stop");
        }
    }
}
