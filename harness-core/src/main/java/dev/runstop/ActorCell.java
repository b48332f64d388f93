package dev.runstop;

import dev.runstop.internal.Uninterruptibles;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One actor of a running group: its thread, its two forward-only states and its {@link ActorContext}.
 *
 * <p>The run side ({@link Run}) and the stop side ({@link Stop}) each change only through
 * {@link #advance(Run, Run)} / {@link #advance(Stop, Stop)}: a compare-and-set that refuses any move
 * backwards. The cell tells its {@link GroupRuntime} of every transition a waiter or the watchdog cares
 * about; it never reads the runtime's state beyond what the runtime hands it.
 */
final class ActorCell implements ActorContext {
    private static final long NOT_YET = 0; // events hold (nanoTime - group start + 1), so 0 never happens
    private static final VarHandle RUN;
    private static final VarHandle STOP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUN = lookup.findVarHandle(ActorCell.class, "run", Run.class);
            STOP = lookup.findVarHandle(ActorCell.class, "stop", Stop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The run side of an actor's life, in order; {@link #READY} may be skipped. */
    enum Run {
        /** Created; its thread has not started. */
        NEW,
        /** Its thread started; {@code run} is not entered yet. */
        STARTING,
        /** In {@code run}, not ready yet. */
        RUNNING,
        /** In {@code run} and ready. */
        READY,
        /** {@code run} returned normally (or in one of the ways that count as normal after a stop). */
        RETURNED,
        /** {@code run} threw. */
        FAILED,
        /** {@code run} was still running at the stop deadline: a straggler. */
        STRAGGLED;

        boolean ended() {
            return compareTo(RETURNED) >= 0;
        }
    }

    /** The stop side: whether and how {@link Actor#stop} was delivered, in order. */
    enum Stop {
        /** Not delivered yet (the group may not be stopping at all). */
        PENDING,
        /** {@code stop} is being called. */
        DELIVERING,
        /** {@code stop} returned. */
        RETURNED,
        /** {@code stop} threw. */
        THREW,
        /** {@code stop} had not returned at the stop deadline. */
        HUNG;

        boolean delivered() {
            return this != PENDING;
        }

        boolean finished() {
            return compareTo(RETURNED) >= 0;
        }
    }

    /** How an actor becomes ready. */
    enum ReadyRule {
        /** Only by {@link ActorContext#ready()}: the actor said {@link Actor#signalsReady()}. */
        SIGNALLED,
        /** By {@code ready()}, or its first {@code awaitStop()} or {@code stopDelivered()}: a body actor. */
        BODY,
        /** As {@link #BODY}, or when its thread is first seen blocked: pair-form and other actors. */
        OBSERVED
    }

    final GroupRuntime runtime;
    final String name;
    final Actor actor;
    final Duration stopDeadline;
    final long stopDeadlineNanos;
    final ThreadGroup threadGroup;
    final ReadyRule readyRule;
    final boolean pairForm;
    /** Written once by the runtime before the thread starts. */
    Thread thread;

    // the two states: changed only by advance(...)
    private volatile Run run = Run.NEW;
    private volatile Stop stop = Stop.PENDING;

    private static final LifecycleEvent[] EVENTS = LifecycleEvent.values();
    private final AtomicLongArray events = new AtomicLongArray(EVENTS.length);
    private final CountDownLatch stopLatch = new CountDownLatch(1);
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private final AtomicInteger threadCount = new AtomicInteger();
    final SessionSet sessions;
    /** Dependency edges; guarded by {@code this}. */
    private final Set<ActorCell> publishers = new LinkedHashSet<>(2);
    private final Set<ActorCell> dependents = new LinkedHashSet<>(2);
    /** The dependents still running when this actor's stop was first held; written by the delivery. */
    volatile List<String> heldFor = List.of();
    volatile Throwable error;
    volatile Throwable endedAfterStop;
    private volatile Throwable stopError;
    private volatile Thread stopCaller;
    private volatile Throwable stopHung;
    private volatile ThreadSnapshot stuck;
    private volatile boolean interruptedAtStop; // set by Actors.interruptible's stop once it interrupted this thread
    private volatile InterruptAtStop interruptAtStop = InterruptAtStop.NONE;
    private volatile boolean resolved;
    private volatile Handles handleView;
    private final Throwable setupError;

    ActorCell(GroupRuntime runtime, String name, Actor actor, Duration stopDeadline, ThreadGroup threadGroup,
            ReadyRule readyRule, boolean pairForm, Throwable setupError) {
        this.setupError = setupError;
        this.runtime = runtime;
        this.name = name;
        this.actor = actor;
        this.stopDeadline = stopDeadline;
        this.stopDeadlineNanos = Durations.nanos(stopDeadline);
        this.threadGroup = threadGroup;
        this.readyRule = readyRule;
        this.pairForm = pairForm;
        this.sessions = new SessionSet(this);
    }

    // ---- the transition methods ----

    /** Moves the run side from {@code from} to {@code to}; only forwards. @return false if it was not {@code from} */
    boolean advance(Run from, Run to) {
        if (to.compareTo(from) <= 0) {
            throw new IllegalStateException("actor '" + name + "': run state cannot go from " + from + " to " + to);
        }
        return RUN.compareAndSet(this, from, to);
    }

    /** Moves the stop side from {@code from} to {@code to}; only forwards. @return false if it was not {@code from} */
    boolean advance(Stop from, Stop to) {
        if (to.compareTo(from) <= 0) {
            throw new IllegalStateException("actor '" + name + "': stop state cannot go from " + from + " to " + to);
        }
        return STOP.compareAndSet(this, from, to);
    }

    Run runState() {
        return run;
    }

    Stop stopState() {
        return stop;
    }

    /** @return true once {@code run} has ended or passed its deadline: its publishers may be stopped */
    boolean done() {
        return run.ended();
    }

    boolean isReady() {
        return run == Run.READY;
    }

    boolean isResolved() {
        return resolved;
    }

    // ---- the actor's thread ----

    /** The body of the actor's thread. */
    void runOnThread() {
        advance(Run.NEW, Run.STARTING);
        mark(LifecycleEvent.THREAD_STARTED);
        runtime.beforeRun(this);
        Throwable failure = null;
        if (advance(Run.STARTING, Run.RUNNING)) {
            mark(LifecycleEvent.RUN_ENTERED);
            failure = runActor();
        }
        exit(failure);
        Thread.interrupted(); // a stop by interrupt must not reach the stop deliveries this thread now helps with
        runtime.afterExit(this);
    }

    private Throwable runActor() {
        Runnable unsubscribe = null;
        try {
            if (actor instanceof SignalsActor) {
                unsubscribe = runtime.signals.subscribe((SignalsActor) actor);
            }
            if (setupError != null) {
                return setupError;
            }
            actor.run(this);
            return null;
        } catch (Throwable t) {
            return t;
        } finally {
            if (unsubscribe != null) {
                unsubscribe.run();
            }
        }
    }

    /** Records the end of {@code run}; also used when the thread could not even be started. */
    void exit(Throwable failure) {
        if (failure != null && (runtime.isStopping() && isStopNoise(failure) || pairForm && stop.delivered() && isClosedResource(failure))) {
            // how a blocked actor learns of its stop (an interrupt, a closed resource): not a failure
            endedAfterStop = failure;
            failure = null;
        }
        this.error = failure;
        Run current = run;
        Run to = failure == null ? Run.RETURNED : Run.FAILED;
        while (!current.ended()) {
            if (advance(current, to)) {
                mark(LifecycleEvent.RETURNED);
                runtime.onExit(this, current, failure);
                break;
            }
            current = run;
        }
        tryResolve();
    }

    /**
     * Whether a pair-form run's exception after its stop is what a resource closed under it throws: a
     * socket or channel closed, a stream at its end, a cancelled task. Anything else is still a failure.
     */
    private static boolean isClosedResource(Throwable failure) {
        if (failure instanceof java.net.SocketException || failure instanceof java.nio.channels.ClosedChannelException
                || failure instanceof java.io.EOFException || failure instanceof java.io.InterruptedIOException
                || failure instanceof java.util.concurrent.CancellationException
                || failure instanceof java.util.concurrent.RejectedExecutionException) {
            return true;
        }
        if (failure instanceof java.io.IOException || failure instanceof IllegalStateException) {
            String message = Safe.message(failure);
            return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("closed");
        }
        return false;
    }

    private static boolean isStopNoise(Throwable failure) {
        return failure instanceof InterruptedException
                || failure instanceof java.nio.channels.ClosedByInterruptException
                || failure instanceof HandleTimeoutException && ((HandleTimeoutException) failure).groupStopped();
    }

    /** Delivers stop to this actor on the calling thread. The caller won the move to {@link Stop#DELIVERING}. */
    void deliverStop(StopCause cause) {
        mark(LifecycleEvent.STOP_DELIVERED);
        stopLatch.countDown();
        stopCaller = Thread.currentThread();
        Stop outcome = Stop.RETURNED;
        try {
            actor.stop(cause);
        } catch (Throwable t) {
            stopError = t;
            outcome = Stop.THREW;
        } finally {
            stopCaller = null;
            mark(LifecycleEvent.STOP_RETURNED);
            advance(Stop.DELIVERING, outcome); // fails only if the watchdog declared it hung meanwhile
            stopDone.countDown();
            tryResolve();
        }
    }

    /** Holds the thread until its stop returned: the exact "stop before run" of lifecycle hooks. */
    void awaitStopReturned() {
        Uninterruptibles.await(stopDone);
    }

    /** @return when stop was delivered to this actor, in nanoTime, or 0 if it has not been */
    long stopDeliveredAt() {
        long at = events.get(LifecycleEvent.STOP_DELIVERED.ordinal());
        return at == NOT_YET ? 0 : at - 1 + runtime.startNanos;
    }

    /**
     * Called by the watchdog at this actor's deadline: a {@code run} still going is a straggler, a
     * {@code stop} still going hung, sessions still open are cut off. @return true if this resolved it
     */
    boolean declareOverdue(long now) {
        if (resolved) {
            return false;
        }
        synchronized (this) {
            if (resolved) {
                return false;
            }
            resolved = true;
        }
        Run current = run;
        if (!current.ended()) {
            Thread t = thread;
            boolean flagSet = t != null && t.isInterrupted();
            ThreadSnapshot snapshot = t == null ? null : ThreadSnapshot.of(t);
            while (!current.ended()) {
                if (advance(current, Run.STRAGGLED)) {
                    mark(LifecycleEvent.STRAGGLED);
                    if (interruptedAtStop) {
                        interruptAtStop = flagSet ? InterruptAtStop.PENDING : InterruptAtStop.SWALLOWED;
                    }
                    stuck = snapshot;
                    runtime.onExit(this, current, null);
                    break;
                }
                current = run;
            }
        }
        Thread caller = stopCaller;
        if (advance(Stop.DELIVERING, Stop.HUNG)) {
            stopHung = new StopHungException(stopDeadline, caller == null ? null : ThreadSnapshot.of(caller));
        }
        sessions.cutOff(now);
        runtime.onResolved(this);
        return true;
    }

    /** Resolved: {@code run} ended, {@code stop} finished and every session closed. */
    void tryResolve() {
        if (run.ended() && stop.finished() && sessions.isEmpty() && !resolved) {
            synchronized (this) {
                if (resolved) {
                    return;
                }
                resolved = true;
            }
            runtime.onResolved(this);
        }
    }

    // ---- dependencies ----

    /** Records that this actor looked up a handle of {@code publisher}. @return true if the edge is new */
    boolean dependOn(ActorCell publisher) {
        if (publisher == this) {
            return false;
        }
        boolean added;
        synchronized (this) {
            added = publishers.add(publisher);
        }
        if (added) {
            synchronized (publisher) {
                publisher.dependents.add(this);
            }
        }
        return added;
    }

    synchronized List<ActorCell> publishers() {
        return List.copyOf(publishers);
    }

    synchronized List<ActorCell> dependents() {
        return List.copyOf(dependents);
    }

    // ---- the report ----

    ActorReport report(List<ThreadSnapshot> leaked, List<String> cycle) {
        ThreadSnapshot stuckAt = stuck;
        Run end = run;
        Outcome outcome = end == Run.STRAGGLED ? Outcome.STRAGGLER : error != null ? Outcome.FAILED : Outcome.RETURNED;
        Map<LifecycleEvent, Duration> times = new EnumMap<>(LifecycleEvent.class);
        for (LifecycleEvent e : EVENTS) {
            long at = events.get(e.ordinal());
            if (at != NOT_YET && !(outcome == Outcome.STRAGGLER && e == LifecycleEvent.RETURNED)) {
                times.put(e, Duration.ofNanos(at - 1));
            }
        }
        Throwable stopFailure = stopError != null ? stopError : stopHung;
        List<ActorCell> from = publishers();
        List<String> dependsOn = from.isEmpty() ? List.of() : from.stream().map(c -> c.name).toList();
        return new ActorReport(name, outcome, outcome == Outcome.STRAGGLER ? null : error, stopFailure, stopDeadline, times,
                stuckAt, sessions.cutOffReports(), leaked, dependsOn, heldFor, cycle, endedAfterStop, null, List.of())
                .withInterruptAtStop(outcome == Outcome.STRAGGLER ? interruptAtStop : InterruptAtStop.NONE);
    }

    /** Called by {@link Actors#interruptible}'s stop once it interrupted this actor's thread. */
    void interruptedAtStop() {
        interruptedAtStop = true;
    }

    void mark(LifecycleEvent event) {
        events.compareAndSet(event.ordinal(), NOT_YET, System.nanoTime() - runtime.startNanos + 1);
    }

    boolean happened(LifecycleEvent event) {
        return events.get(event.ordinal()) != NOT_YET;
    }

    // ---- ActorContext ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public String groupName() {
        return runtime.name();
    }

    @Override
    public void ready() {
        if (advance(Run.RUNNING, Run.READY) || run == Run.STARTING && advance(Run.STARTING, Run.READY)) {
            mark(LifecycleEvent.READY);
            runtime.onReady(this);
            if (Thread.currentThread() == thread) {
                runtime.settings.hooks().afterReady(name);
            }
        }
    }

    @Override
    public void publish(String handle, Object value) {
        runtime.handles.publish(name, handle, value, false);
        if (Thread.currentThread() == thread) {
            runtime.settings.hooks().afterPublish(name, handle);
        }
    }

    @Override
    public void publishPort(String handle, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port '" + handle + "' of actor '" + name + "' must be 1 to 65535 (the port bound), was " + port);
        }
        runtime.handles.publish(name, handle, port, true);
        if (Thread.currentThread() == thread) {
            runtime.settings.hooks().afterPublish(name, handle);
        }
    }

    @Override
    public Handles handles() {
        Handles view = handleView;
        if (view == null) {
            handleView = view = runtime.handles.viewFor(this);
        }
        return view;
    }

    @Override
    public boolean stopDelivered() {
        boolean delivered = stopLatch.getCount() == 0;
        if (!delivered && readyRule != ReadyRule.SIGNALLED) {
            ready(); // a body that polls its stop has reached its loop
        }
        return delivered;
    }

    @Override
    public boolean groupStopping() {
        return runtime.isStopping();
    }

    @Override
    public Duration stopDeadline() {
        return stopDeadline;
    }

    @Override
    public void awaitStop() throws InterruptedException {
        if (readyRule != ReadyRule.SIGNALLED && Thread.currentThread() == thread) {
            ready(); // a body that waits for its stop has done its start-up
        }
        stopLatch.await();
    }

    @Override
    public Session openSession(String label) {
        return sessions.open(label);
    }

    @Override
    public boolean awaitSessionsClosed(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        if (runtime.isStopping()) {
            long delivered = stopDeliveredAt();
            // end a little before the deadline, so the actor can still return in time: its sessions left
            // open are then reported as cut off, and the actor is not a straggler for having waited
            long margin = Math.min(stopDeadlineNanos / 10, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
            long stopDeadlineAt = (delivered != 0 ? delivered : runtime.stopNanos()) + stopDeadlineNanos - margin;
            if (stopDeadlineAt - deadline < 0) {
                deadline = stopDeadlineAt;
            }
        }
        return sessions.awaitEmpty(deadline);
    }

    @Override
    public ThreadFactory threadFactory() {
        return body -> {
            String threadName = runtime.name() + "/" + name + "/" + threadCount.incrementAndGet();
            return runtime.virtualThreads ? Threads.virtual(threadName, body)
                    : Threads.platform(threadGroup != null ? threadGroup : Thread.currentThread().getThreadGroup(), threadName, body);
        };
    }

    /** @return one line: state, readiness and stop progress, for {@link RunningGroup#snapshot()} */
    String describeNow() {
        StringBuilder out = new StringBuilder("'" + name + "' ").append(run.name().toLowerCase(java.util.Locale.ROOT));
        if (stop != Stop.PENDING) {
            out.append(", stop ").append(stop.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> waitingFor = publishers().stream().map(c -> c.name).toList();
        if (!waitingFor.isEmpty()) {
            out.append(", depends on ").append(waitingFor);
        }
        int open = sessions.openCount();
        if (open > 0) {
            out.append(", ").append(open).append(open == 1 ? " session open: " : " sessions open: ").append(sessions.openLabels());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "actor '" + name + "' of group '" + runtime.name() + "'";
    }
}
