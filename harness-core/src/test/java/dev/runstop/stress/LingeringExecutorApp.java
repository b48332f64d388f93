package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import dev.runstop.HandleTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Corpus: a thread left lingering by a service stopped while it was starting, the shape of Guava's
 * lingering-thread report (google/guava #7319) for its {@code Service} framework: a service that owns an
 * executor shuts it down on the way from {@code RUNNING} to {@code TERMINATED}, but a stop that lands while
 * it is still {@code STARTING} takes another path to {@code TERMINATED} that forgets the executor, whose
 * idle worker thread then outlives the service. Here the scheduler service starts its executor, then waits
 * for its configuration; stopped meanwhile, it terminates without shutting the executor down. The fix shuts
 * the executor down in {@code finally}, whichever way the service ends.
 */
final class LingeringExecutorApp {
    enum State { NEW, STARTING, RUNNING, STOPPING, TERMINATED }

    private LingeringExecutorApp() {
    }

    static Group buggy(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("lingering-executor").add("config", LingeringExecutorApp::config)
                .add("scheduler", new Scheduler(false, leftovers)));
    }

    static Group fixed() {
        return HealthyActors.addTo(new Group("lingering-executor").add("config", LingeringExecutorApp::config)
                .add("scheduler", new Scheduler(true, null)));
    }

    private static void config(ActorContext ctx) throws InterruptedException {
        ctx.publish("schedule", "every 5s");
        ctx.awaitStop();
    }

    /** A scheduled service that owns its executor. */
    static final class Scheduler implements Actor {
        private final boolean shutDownInFinally;
        private final Leftovers leftovers;
        /** Guarded by this. */
        private State state = State.NEW;

        Scheduler(boolean shutDownInFinally, Leftovers leftovers) {
            this.shutDownInFinally = shutDownInFinally;
            this.leftovers = leftovers;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            synchronized (this) {
                if (state != State.NEW) {
                    state = State.TERMINATED;
                    return;
                }
                state = State.STARTING;
            }
            ExecutorService executor = Executors.newSingleThreadExecutor(ctx.threadFactory());
            try {
                executor.submit(() -> {
                    if (leftovers != null) {
                        leftovers.track(Thread.currentThread());
                    }
                }).get(); // the executor's worker exists from here on
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
            try {
                try {
                    ctx.handles().await("schedule", String.class, Duration.ofSeconds(5));
                } catch (HandleTimeoutException stopped) {
                    if (!stopped.groupStopped()) {
                        throw stopped;
                    }
                    ctx.awaitStop(); // start-up is over only when the service is told to stop
                }
                synchronized (this) {
                    if (state == State.STOPPING) {
                        state = State.TERMINATED; // stopped while STARTING: the path that forgets the executor
                        return;
                    }
                    state = State.RUNNING;
                }
                try {
                    ctx.awaitStop();
                } finally {
                    if (!shutDownInFinally) {
                        shutDown(executor); // RUNNING -> TERMINATED shuts the executor down
                    }
                }
            } finally {
                if (shutDownInFinally) {
                    shutDown(executor);
                }
                synchronized (this) {
                    state = State.TERMINATED;
                }
            }
        }

        private static void shutDown(ExecutorService executor) throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }

        @Override
        public synchronized void stop(Throwable cause) {
            if (state != State.TERMINATED) {
                state = State.STOPPING;
            }
        }
    }
}
