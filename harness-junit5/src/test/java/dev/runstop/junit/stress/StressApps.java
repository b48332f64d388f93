package dev.runstop.junit.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/** Small apps for the stress fixtures: a healthy one and one whose stop throws when it comes before run. */
final class StressApps {
    private StressApps() {
    }

    static Group healthy() {
        return new Group("healthy")
                .add("http", Actors.service(() -> { }, () -> { }))
                .add("feed", ActorContext::awaitStop)
                .add("clock", Actors.interruptible(ctx -> new CountDownLatch(1).await()));
    }

    static Group stopThrowsBeforeStart() {
        return new Group("fragile")
                .add("http", Actors.service(() -> { }, () -> { }))
                .add("clock", Actors.interruptible(ctx -> new CountDownLatch(1).await()))
                .add("connection", new Actor() {
                    private final CountDownLatch done = new CountDownLatch(1);
                    private volatile StringBuilder channel;

                    @Override
                    public void run(ActorContext ctx) throws InterruptedException {
                        channel = new StringBuilder("open");
                        done.await();
                    }

                    @Override
                    public void stop(Throwable cause) {
                        done.countDown();
                        channel.setLength(0); // fails when stop comes before run
                    }
                });
    }
}
