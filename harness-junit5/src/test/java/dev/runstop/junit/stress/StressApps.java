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

    /** Made before any group: its thread is nobody's leak. */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor TIMER = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "stress-apps-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.prestartAllCoreThreads();
    }

    /**
     * An app whose "warehouse" loads for 700 ms when it starts (the load is released by a timer) and cannot be
     * interrupted meanwhile, as a cold database start.
     */
    static Group slowStart() {
        return new Group("slow-start")
                .add("http", ActorContext::awaitStop)
                .add("warehouse", new Actor() {
                    private volatile boolean stopped;

                    @Override
                    public void run(ActorContext ctx) throws InterruptedException {
                        CountDownLatch loaded = new CountDownLatch(1);
                        TIMER.schedule(loaded::countDown, 700, java.util.concurrent.TimeUnit.MILLISECONDS);
                        boolean interrupted = false;
                        while (true) {
                            try {
                                loaded.await();
                                break;
                            } catch (InterruptedException e) {
                                interrupted = true;
                            }
                        }
                        if (interrupted || stopped) {
                            return;
                        }
                        ctx.ready();
                        ctx.awaitStop();
                    }

                    @Override
                    public void stop(Throwable cause) {
                        stopped = true;
                    }
                });
    }
}
