package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import java.util.concurrent.CountDownLatch;

/** The actor a cycle adds to end the group from inside: it returns, or throws an injected failure, when fired. */
final class TriggerActor implements Actor {
    private final CountDownLatch released = new CountDownLatch(1);
    private final InjectedFailure failure;
    private volatile boolean stopped;

    /** @param failure what to throw when fired, or null to return normally */
    TriggerActor(InjectedFailure failure) {
        this.failure = failure;
    }

    void fire() {
        released.countDown();
    }

    @Override
    public void run(ActorContext ctx) throws InterruptedException {
        released.await();
        if (failure != null && !stopped) {
            throw failure;
        }
    }

    @Override
    public void stop(Throwable cause) {
        stopped = true;
        released.countDown();
    }

    @Override
    public String toString() {
        return failure == null ? "stress trigger (returns)" : "stress trigger (throws an injected failure)";
    }
}
