package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import java.util.concurrent.locks.LockSupport;

/**
 * An actor a cycle adds to let the app settle between two stop deliveries: its stop, delivered just before
 * the app actor's the schedule names, waits until no app thread is runnable, so that the next stop is
 * delivered only after everything the earlier ones set off has run.
 */
final class SettleActor implements Actor {
    private final String before;
    private final long holdNanos;
    private final String threadPrefix;
    private final long capNanos;
    private volatile boolean stopped;
    private volatile boolean settled = true;

    /**
     * @param before the app actor whose stop comes next
     * @param holdNanos how long to wait before looking, so that actors held until their stop have entered run
     * @param group the group's name
     * @param capNanos the longest wait for the app to be idle
     */
    SettleActor(String before, long holdNanos, String group, long capNanos) {
        this.before = before;
        this.holdNanos = holdNanos;
        this.threadPrefix = group;
        this.capNanos = capNanos;
    }

    @Override
    public void run(ActorContext ctx) throws InterruptedException {
        ctx.awaitStop();
    }

    @Override
    public void stop(Throwable cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        long until = System.nanoTime() + holdNanos;
        for (long left = holdNanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        settled = Quiescence.await(threadPrefix, capNanos);
    }

    /** @return false if its stop gave up waiting for the app to be idle */
    boolean settled() {
        return settled;
    }

    @Override
    public String toString() {
        return "stress settle point (waits until the app is idle before stop is delivered to '" + before + "')";
    }
}
