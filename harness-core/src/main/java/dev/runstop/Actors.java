package dev.runstop;

import dev.runstop.internal.Uninterruptibles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Adapters that turn the usual shapes of long-running code into {@link Actor}s. Every actor made here
 * meets the actor contract: {@code stop} is safe before {@code run}, during it, after it and more than
 * once, and a stop before {@code run} makes {@code run} return at once without doing the work.
 */
public final class Actors {
    private static final Set<String> SIGNALS = Set.of("INT", "TERM", "HUP", "USR2");

    private Actors() {
    }

    /**
     * An actor from a pair of functions, the form of Go's {@code run.Group.Add}. The stop function is
     * called as the group delivers it; making it safe at any time is up to the caller. If {@code run}
     * throws after its stop was delivered what a closed resource throws (a {@code SocketException}, a
     * {@code ClosedChannelException}, an {@code EOFException}, an I/O error saying "closed", a cancelled
     * task), that counts as a normal return, as for {@link #closing}; the exception is kept in the report
     * as a note. Any other exception is still a failure. The actor is
     * ready when it calls {@link ActorContext#ready()}, first waits in {@link ActorContext#awaitStop()} or
     * polls {@link ActorContext#stopDelivered()}, or else when its thread is first seen blocked.
     *
     * @param run the work
     * @param stop makes the work return
     * @return the actor
     * @throws IllegalArgumentException if a function is null
     */
    public static Actor of(Actor.Body run, Consumer<? super Throwable> stop) {
        if (run == null || stop == null) {
            throw new IllegalArgumentException((run == null ? "run" : "stop") + " function must not be null");
        }
        return new PairActor(run, stop, false);
    }

    /**
     * A task stopped by interrupting its thread: Java's own cancellation. {@code stop} interrupts the
     * thread running the task only while the task runs; an {@link InterruptedException} (or an
     * {@link java.nio.channels.ClosedByInterruptException}) thrown after a stop counts as a normal
     * return.
     *
     * @param task blocking work that responds to interrupts
     * @return the actor
     * @throws IllegalArgumentException if the task is null
     */
    public static Actor interruptible(Actor.Body task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        return new Actor() {
            private Thread runner;
            private ActorCell cell; // told of the interrupt, so a straggler that swallowed it is named so
            private boolean stopped;

            @Override
            public void run(ActorContext ctx) throws Exception {
                synchronized (this) {
                    if (stopped) {
                        return;
                    }
                    runner = Thread.currentThread();
                    cell = ctx instanceof ActorCell ? (ActorCell) ctx : null;
                }
                try {
                    task.run(ctx);
                } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
                    if (!isStopped()) {
                        throw e;
                    }
                } finally {
                    synchronized (this) {
                        runner = null;
                    }
                    if (isStopped()) {
                        Thread.interrupted();
                    }
                }
            }

            private synchronized boolean isStopped() {
                return stopped;
            }

            @Override
            public synchronized void stop(Throwable cause) {
                stopped = true;
                if (runner != null) {
                    runner.interrupt();
                    if (cell != null) {
                        cell.interruptedAtStop();
                    }
                }
            }

            @Override
            public String toString() {
                return "Actors.interruptible(" + task + ")";
            }
        };
    }

    /**
     * A task stopped by closing the resource it blocks on: a {@code ServerSocket} it accepts from, a stream
     * it reads, a channel. {@code stop} closes the resource (once); anything the task throws after that
     * counts as a normal return, since a closed resource makes blocking calls fail. An exception from
     * {@code close} is reported as the stop's error.
     *
     * @param resource what the task blocks on
     * @param task the work, typically a loop over the resource
     * @return the actor
     * @throws IllegalArgumentException if an argument is null
     */
    public static Actor closing(AutoCloseable resource, Actor.Body task) {
        if (resource == null || task == null) {
            throw new IllegalArgumentException((resource == null ? "resource" : "task") + " must not be null");
        }
        return new Actor() {
            private final AtomicReference<Throwable> closedBy = new AtomicReference<>();

            @Override
            public void run(ActorContext ctx) throws Exception {
                if (closedBy.get() != null) {
                    return;
                }
                try {
                    task.run(ctx);
                } catch (Exception e) {
                    if (closedBy.get() == null) {
                        throw e;
                    }
                }
            }

            @Override
            public void stop(Throwable cause) {
                if (closedBy.compareAndSet(null, cause)) {
                    try {
                        resource.close();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException("closing " + resource + " failed: " + e, e);
                    }
                }
            }

            @Override
            public String toString() {
                return "Actors.closing(" + resource + ")";
            }
        };
    }

    /**
     * An already asynchronous service with start and stop methods: an HTTP server, an executor, a client
     * pool. {@code run} calls {@code start}, reports ready, blocks until stop is delivered, then calls the
     * service's {@code stop} once. A stop before {@code run} means the service is never started.
     *
     * @param start starts the service and returns
     * @param stop stops the service; called once, only if start succeeded
     * @return the actor
     * @throws IllegalArgumentException if an argument is null
     */
    public static Actor service(CheckedRunnable start, CheckedRunnable stop) {
        return service(start, stop, null);
    }

    /**
     * The start of a service that publishes what it bound: it gets the actor's context, so it can call
     * {@link ActorContext#publishPort} once its server listens. It returns once the service runs.
     */
    @FunctionalInterface
    public interface Start {
        /**
         * Starts the service and returns.
         *
         * @param ctx the actor's context, to publish ports and handles
         * @throws Exception if the service could not start
         */
        void start(ActorContext ctx) throws Exception;
    }

    /**
     * An already asynchronous service whose start publishes ports or handles: {@code run} calls
     * {@code start(ctx)}, and the actor is ready once it has returned, so every handle it published is
     * visible to whoever waited for readiness. Otherwise as {@link #service(CheckedRunnable, CheckedRunnable)}.
     *
     * <pre>{@code
     * group.add("http", Actors.service(ctx -> {
     *     server.start();
     *     ctx.publishPort("http", server.getAddress().getPort());
     * }, () -> server.stop(0)));
     * }</pre>
     *
     * @param start starts the service, publishes what it bound, and returns
     * @param stop stops the service; called once, only if start succeeded
     * @return the actor
     * @throws IllegalArgumentException if an argument is null
     */
    public static Actor service(Start start, CheckedRunnable stop) {
        return service(start, stop, null);
    }

    /**
     * Like {@link #service(CheckedRunnable, CheckedRunnable)}, for a service that can also end on its own:
     * when {@code terminated} completes before stop is delivered, the service is stopped and {@code run}
     * returns (normally, or throwing the stage's failure).
     *
     * @param start starts the service and returns
     * @param stop stops the service; called once, only if start succeeded
     * @param terminated completes when the service ends by itself; null if it never does
     * @return the actor
     * @throws IllegalArgumentException if start or stop is null
     */
    public static Actor service(CheckedRunnable start, CheckedRunnable stop, CompletionStage<?> terminated) {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        return service(new Start() {
            @Override
            public void start(ActorContext ctx) throws Exception {
                start.run();
            }

            @Override
            public String toString() {
                return start.toString();
            }
        }, stop, terminated);
    }

    /**
     * Like {@link #service(Start, CheckedRunnable)}, for a service that can also end on its own: when
     * {@code terminated} completes before stop is delivered, the service is stopped and {@code run}
     * returns (normally, or throwing the stage's failure).
     *
     * @param start starts the service, publishes what it bound, and returns
     * @param stop stops the service; called once, only if start succeeded
     * @param terminated completes when the service ends by itself; null if it never does
     * @return the actor
     * @throws IllegalArgumentException if start or stop is null
     */
    public static Actor service(Start start, CheckedRunnable stop, CompletionStage<?> terminated) {
        if (start == null || stop == null) {
            throw new IllegalArgumentException((start == null ? "start" : "stop") + " must not be null");
        }
        return new Actor() {
            private final CountDownLatch stopAsked = new CountDownLatch(1);
            private final AtomicReference<Throwable> endedWith = new AtomicReference<>();
            private volatile boolean endedByItself;

            @Override
            public void run(ActorContext ctx) throws Exception {
                if (stopAsked.getCount() == 0) {
                    return;
                }
                if (terminated != null) {
                    terminated.whenComplete((value, error) -> {
                        endedByItself = true;
                        if (error != null) {
                            endedWith.set(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                    ? error.getCause() : error);
                        }
                        stopAsked.countDown();
                    });
                }
                start.start(ctx);
                ctx.ready();
                try {
                    Uninterruptibles.await(stopAsked);
                } finally {
                    stop.run();
                }
                Throwable failure = endedWith.get();
                if (endedByItself && failure != null) {
                    if (failure instanceof Exception) {
                        throw (Exception) failure;
                    }
                    throw new IllegalStateException("service ended by itself: " + Safe.describe(failure), failure);
                }
            }

            @Override
            public void stop(Throwable cause) {
                stopAsked.countDown();
            }

            @Override
            public boolean signalsReady() {
                return true;
            }

            @Override
            public String toString() {
                return "Actors.service(" + start + ")";
            }
        };
    }

    /**
     * A child process as an actor: {@code run} starts it and waits for it, {@code stop} sends SIGTERM to
     * its whole process tree and SIGKILL in time to end within the actor's stop deadline. Configure
     * readiness, output and escalation on the builder; see {@link ProcessActor} for the contract.
     *
     * <pre>{@code
     * group.add("redis", Actors.process(new ProcessBuilder("redis-server", "--port", String.valueOf(port)))
     *         .readyOnLine("Ready to accept connections")
     *         .publishPort("redis", port)
     *         .build());
     * }</pre>
     *
     * @param process what to start; copied by {@link ProcessActor.Builder#build()}
     * @return the builder
     * @throws IllegalArgumentException if the process builder is null or has no command
     */
    public static ProcessActor.Builder process(ProcessBuilder process) {
        String addedAt = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Actors.class.getName()))
                .findFirst().map(f -> f.toStackTraceElement().toString()).orElse("(unknown)"));
        return new ProcessActor.Builder(process, addedAt);
    }

    /**
     * An actor that waits for OS signals and ends its group when one arrives, with a
     * {@link StopCause.Kind#SIGNAL} cause. It listens to real signals unless its group turned them off
     * ({@link Group#osSignals(boolean)}), and always to signals simulated with
     * {@link RunningGroup#signal(String)}, which reach only its own group. The previous OS handler comes
     * back when the actor returns.
     *
     * @param signals names with or without {@code SIG}: {@code INT}, {@code TERM}, {@code HUP}, {@code USR2}
     * @return the actor
     * @throws IllegalArgumentException if no signal is named or a name is not one of those
     */
    public static Actor signals(String... signals) {
        if (signals == null || signals.length == 0) {
            throw new IllegalArgumentException("name at least one signal, such as \"INT\" or \"TERM\"");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String s : signals) {
            names.add(normalizeSignal(s));
        }
        return new SignalsActor(List.copyOf(names));
    }

    static String normalizeSignal(String signal) {
        if (signal == null) {
            throw new IllegalArgumentException("signal name must not be null");
        }
        String name = signal.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (!SIGNALS.contains(name)) {
            throw new IllegalArgumentException("unsupported signal '" + signal + "'; use one of INT, TERM, HUP, USR2");
        }
        return name;
    }
}
