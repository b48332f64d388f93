package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * Corpus: an interrupt that blocks when it comes early (or a second time). Models kolide/launcher's rungroup
 * actors (PR #1394, and #1342/#1344 before it: "shutdown could block on Interrupt being called multiple
 * times"): the actor's interrupt does a blocking send on an unbuffered channel ({@code r.interrupt <-
 * struct{}{}}) that only its running execute loop receives. When the interrupt comes after execute has
 * returned (or a second time), nobody receives and shutdown hangs. Here the runner's execute loop first waits
 * for its configuration; when the group stops before the configuration is published, execute returns
 * without ever receiving, and the interrupt, a {@link SynchronousQueue#put}, hangs. The fix, as there, makes
 * the send non-blocking into a buffer of one, so an interrupt that nobody is waiting for is kept or dropped.
 */
final class InterruptTwiceApp {
    private InterruptTwiceApp() {
    }

    static Group buggy(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("interrupt-twice").add("config", InterruptTwiceApp::config)
                .add("runner", new Runner(new SynchronousQueue<>(), true, leftovers)));
    }

    private static void config(ActorContext ctx) throws InterruptedException {
        ctx.publish("config", "desktop.enabled=true");
        ctx.awaitStop();
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("interrupt-twice").add("config", InterruptTwiceApp::config)
                .add("runner", new Runner(new ArrayBlockingQueue<>(1), false, null)));
    }

    /** Runs until it receives an interrupt. */
    static final class Runner implements Actor {
        private final BlockingQueue<Object> interrupt;
        private final boolean blockingSend;
        private final Leftovers leftovers;

        Runner(BlockingQueue<Object> interrupt, boolean blockingSend, Leftovers leftovers) {
            this.interrupt = interrupt;
            this.blockingSend = blockingSend;
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            try {
                ctx.handles().await("config", String.class, java.time.Duration.ofSeconds(5));
            } catch (dev.runstop.HandleTimeoutException stopped) {
                if (stopped.groupStopped()) {
                    return; // execute returns before its loop ever receives
                }
                throw stopped;
            }
            interrupt.take(); // the execute loop: waits for its interrupt
        }

        @Override
        public void stop(Throwable cause) {
            if (blockingSend) {
                if (leftovers != null) {
                    leftovers.track(Thread.currentThread());
                }
                try {
                    interrupt.put(cause == null ? "interrupt" : cause); // r.interrupt <- struct{}{}
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                interrupt.offer("interrupt"); // select { case r.interrupt <- struct{}{}: default: }
            }
        }
    }
}
