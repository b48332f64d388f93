package dev.runstop;

import dev.runstop.internal.Uninterruptibles;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The actor of {@link Actors#signals}: ready once it listens, returns when one of its signals arrives.
 * Its group subscribes it to simulated (and, unless turned off, real) signals around its {@code run},
 * and maps its return to a {@link StopCause.Kind#SIGNAL} cause.
 */
final class SignalsActor implements Actor {
    private final List<String> signals;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<String> received = new AtomicReference<>();

    SignalsActor(List<String> signals) {
        this.signals = List.copyOf(signals);
    }

    List<String> signals() {
        return signals;
    }

    /** Called by the group's signal dispatch, on whatever thread delivers the signal. */
    void receive(String signal) {
        if (received.compareAndSet(null, signal)) {
            done.countDown();
        }
    }

    /** @return the signal that ended this actor, or null */
    String received() {
        return received.get();
    }

    @Override
    public void run(ActorContext ctx) {
        if (done.getCount() == 0) {
            return;
        }
        ctx.ready(); // the group subscribed before run: a signal sent after awaitReady is never missed
        Uninterruptibles.await(done);
    }

    @Override
    public void stop(Throwable cause) {
        done.countDown();
    }

    @Override
    public boolean signalsReady() {
        return true;
    }

    @Override
    public String toString() {
        return "Actors.signals(" + signals + ")";
    }
}
