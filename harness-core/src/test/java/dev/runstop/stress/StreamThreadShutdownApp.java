package dev.runstop.stress;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Group;
import java.util.concurrent.CountDownLatch;

/**
 * Corpus: Kafka Streams' stream-thread shutdown races, found by the Fray concurrency tester. A stream thread
 * has a state machine, {@code CREATED -> STARTING -> RUNNING -> PENDING_SHUTDOWN -> DEAD}, moved by its own
 * thread and by {@code shutdown()} from another. Two of the races:
 * <ul>
 * <li>KAFKA-17354, {@code setState} check-then-act: a shutdown that lands while the thread is still starting
 *     moves it to {@code PENDING_SHUTDOWN}; the starting thread then moves it to {@code STARTING} anyway and
 *     fails ("State transition from PENDING_SHUTDOWN to STARTING is not valid"): {@link #buggySetState}.</li>
 * <li>KAFKA-17112, a shutdown while the thread is {@code CREATED}: the thread then skips its run loop, and
 *     the clean-up that only the run loop's end does (closing the consumer, whose heartbeat thread keeps
 *     running) never happens: {@link #buggyCleanUp}.</li>
 * </ul>
 * The fixed thread moves state under one lock, goes from {@code PENDING_SHUTDOWN} straight to {@code DEAD},
 * and cleans up in {@code finally} whatever path it took.
 */
final class StreamThreadShutdownApp {
    enum State { CREATED, STARTING, RUNNING, PENDING_SHUTDOWN, DEAD }

    private StreamThreadShutdownApp() {
    }

    static Group buggySetState() {
        return HealthyActors.addTo(new Group("stream-thread-state").add("stream-thread", new StreamThread(true, false, null)));
    }

    static Group buggyCleanUp(Leftovers leftovers) {
        return HealthyActors.addTo(new Group("stream-thread-cleanup").add("stream-thread", new StreamThread(false, true, leftovers)));
    }

    static Group fixedSetState() {
        return HealthyActors.addTo(new Group("stream-thread-state").add("stream-thread", new StreamThread(false, false, null)));
    }

    static Group fixedCleanUp() {
        return HealthyActors.addTo(new Group("stream-thread-cleanup").add("stream-thread", new StreamThread(false, false, null)));
    }

    /** A stream thread; the two flags bring back one race each. */
    static final class StreamThread implements Actor {
        private final boolean racySetState;
        private final boolean cleanUpOnlyInLoop;
        private final Leftovers leftovers;
        private final CountDownLatch shutdownRequested = new CountDownLatch(1);
        /** Guarded by this. */
        private State state = State.CREATED;

        StreamThread(boolean racySetState, boolean cleanUpOnlyInLoop, Leftovers leftovers) {
            this.racySetState = racySetState;
            this.cleanUpOnlyInLoop = cleanUpOnlyInLoop;
            this.leftovers = leftovers;
        }

        private synchronized State state() {
            return state;
        }

        /** Kafka's validated transition: an invalid one throws. */
        private synchronized void setState(State to) {
            boolean valid = switch (to) {
                case STARTING -> state == State.CREATED;
                case RUNNING -> state == State.STARTING;
                case PENDING_SHUTDOWN -> state != State.DEAD;
                case DEAD -> state == State.PENDING_SHUTDOWN || state == State.RUNNING;
                default -> false;
            };
            if (!valid) {
                throw new IllegalStateException("State transition from " + state + " to " + to + " is not valid");
            }
            state = to;
        }

        @Override
        public void run(ActorContext ctx) throws InterruptedException {
            Thread heartbeat;
            if (racySetState) {
                setState(State.STARTING); // KAFKA-17354: no look at a shutdown that came first
                heartbeat = consumerHeartbeat(ctx);
            } else {
                heartbeat = consumerHeartbeat(ctx); // the consumer the thread owns, made while CREATED
                if (!startUnlessShutDown()) {
                    if (!cleanUpOnlyInLoop) {
                        closeConsumer(heartbeat);
                    }
                    return; // KAFKA-17112 (buggy): shut down while CREATED, the loop and its clean-up are skipped
                }
            }
            try {
                synchronized (this) {
                    if (state == State.STARTING) {
                        state = State.RUNNING;
                    }
                }
                shutdownRequested.await(); // the run loop
            } finally {
                closeConsumer(heartbeat); // completeShutdown()
                synchronized (this) {
                    state = State.DEAD;
                }
            }
        }

        /** @return false if a shutdown came first (then the state goes to DEAD) */
        private synchronized boolean startUnlessShutDown() {
            if (state == State.PENDING_SHUTDOWN) {
                state = State.DEAD;
                return false;
            }
            state = State.STARTING;
            return true;
        }

        private Thread consumerHeartbeat(ActorContext ctx) {
            Thread t = ctx.threadFactory().newThread(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException closed) {
                    // the consumer was closed
                }
            });
            t.setDaemon(true);
            if (leftovers != null) {
                leftovers.track(t);
            }
            t.start();
            return t;
        }

        private static void closeConsumer(Thread heartbeat) throws InterruptedException {
            heartbeat.interrupt();
            heartbeat.join();
        }

        @Override
        public void stop(Throwable cause) {
            synchronized (this) {
                if (state != State.DEAD) {
                    state = State.PENDING_SHUTDOWN;
                }
            }
            shutdownRequested.countDown();
        }
    }
}
