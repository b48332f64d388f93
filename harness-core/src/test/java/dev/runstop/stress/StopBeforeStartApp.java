package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/** Corpus: a stop that throws when called before start: it closes a channel that run has not opened yet. */
final class StopBeforeStartApp {
    private StopBeforeStartApp() {
    }

    static Group buggy() {
        return HealthyActors.addTo(new Group("stop-before-start").add("connection", new BuggyConnection()));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("stop-before-start").add("connection", new FixedConnection()));
    }

    /** A resource that may be closed once. */
    static final class Channel {
        private boolean closed;

        synchronized void close() {
            if (closed) {
                throw new IllegalStateException("channel already closed");
            }
            closed = true;
        }
    }

    /** Opens its channel in run; stop closes it as if it were always there. */
    static final class BuggyConnection implements Actor {
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Channel channel;

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            channel = new Channel();
            done.await();
        }

        @Override
        public void stop(Throwable cause) {
            done.countDown();
            channel.close();
        }
    }

    /** The fix: stop is idempotent and safe before run; run does not open once stopped. */
    static final class FixedConnection implements Actor {
        private final CountDownLatch done = new CountDownLatch(1);
        private final Object lock = new Object();
        private Channel channel;
        private boolean stopped;

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                channel = new Channel();
            }
            done.await();
        }

        @Override
        public void stop(Throwable cause) {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                stopped = true;
                done.countDown();
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }
}
