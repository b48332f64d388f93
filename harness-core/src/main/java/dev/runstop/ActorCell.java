package dev.runstop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/** One actor of a running group: its thread, its lifecycle record and its {@link ActorContext}. */
final class ActorCell implements ActorContext {
    private static final long NOT_YET = 0; // events hold (nanoTime - group start + 1), so 0 never happens

    final GroupRuntime runtime;
    final String name;
    final Actor actor;
    final Duration stopDeadline;
    final long stopDeadlineNanos;
    final ThreadGroup threadGroup;
    volatile Thread thread;

    private final AtomicLongArray events = new AtomicLongArray(LifecycleEvent.values().length);
    private final AtomicBoolean ready = new AtomicBoolean();
    private final CountDownLatch stopLatch = new CountDownLatch(1);
    private final CountDownLatch stopDone = new CountDownLatch(1);
    private final AtomicBoolean resolved = new AtomicBoolean();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final AtomicInteger drainWaiters = new AtomicInteger();
    private final Object drainMonitor = new Object();
    private volatile Set<SessionImpl> sessions;
    private volatile boolean stopRequested;
    private volatile boolean exited;
    private volatile Throwable error;
    private volatile Throwable stopError;
    private volatile Thread stopCaller;
    private volatile boolean stopReturned;
    private volatile Throwable stopHung;
    private volatile ThreadSnapshot stuck;
    private volatile List<SessionReport> cutOff = List.of();

    ActorCell(GroupRuntime runtime, String name, Actor actor, Duration stopDeadline, ThreadGroup threadGroup) {
        this.runtime = runtime;
        this.name = name;
        this.actor = actor;
        this.stopDeadline = stopDeadline;
        this.stopDeadlineNanos = stopDeadline.toNanos();
        this.threadGroup = threadGroup;
    }

    /** The body of the actor's thread. */
    void runOnThread() {
        mark(LifecycleEvent.THREAD_STARTED);
        if (runtime.entersRunAfterStop(name)) {
            awaitUninterruptibly(stopDone); // its stop() has run to the end: the race is exactly "stop before run"
            parkFor(runtime.delayBeforeRun(name).toNanos());
        } else {
            parkUntil(runtime.startNanos + runtime.delayBeforeRun(name).toNanos());
        }
        mark(LifecycleEvent.RUN_ENTERED);
        if (!actor.signalsReady()) {
            ready();
        }
        Throwable failure = null;
        try {
            actor.run(this);
        } catch (Throwable t) {
            failure = t;
        }
        if (runtime.isStopping() && (failure instanceof InterruptedException
                || failure instanceof HandleTimeoutException && ((HandleTimeoutException) failure).groupStopped())) {
            failure = null; // the usual ways a blocked actor learns of the stop: not failures
        }
        exit(failure);
        Thread.interrupted(); // a stop by interrupt must not reach the stop deliveries this thread now helps with
        runtime.helpDeliver();
    }

    /** Records the end of {@code run}; also used when the thread could not even be started. */
    void exit(Throwable failure) {
        mark(LifecycleEvent.RETURNED);
        this.error = failure;
        runtime.onExit(this, failure);
        exited = true;
        tryResolve();
    }

    void deliverStop(StopCause cause) {
        stopRequested = true;
        mark(LifecycleEvent.STOP_DELIVERED);
        stopLatch.countDown();
        stopCaller = Thread.currentThread();
        try {
            actor.stop(cause);
        } catch (Throwable t) {
            stopError = t;
        } finally {
            stopCaller = null;
            mark(LifecycleEvent.STOP_RETURNED);
            stopReturned = true;
            stopDone.countDown();
            tryResolve();
        }
    }

    /** Called by the supervisor at this actor's deadline. @return true if this call resolved the cell */
    boolean declareOverdue() {
        if (!resolved.compareAndSet(false, true)) {
            return false;
        }
        long now = System.nanoTime();
        if (!exited) {
            Thread t = thread;
            ThreadSnapshot snapshot = t == null ? null : ThreadSnapshot.of(t);
            if (!exited) { // run may have returned while the snapshot was taken: then it is no straggler
                mark(LifecycleEvent.STRAGGLED);
                stuck = snapshot;
            }
        }
        Thread caller = stopCaller;
        if (!stopReturned) {
            IllegalStateException hung = new IllegalStateException("stop() did not return within the stop deadline of "
                    + Durations.format(stopDeadline) + (caller == null ? "" : "; the stack trace is that of the thread calling it, '"
                    + caller.getName() + "'"));
            hung.setStackTrace(caller == null ? new StackTraceElement[0] : caller.getStackTrace());
            stopHung = hung;
        }
        Set<SessionImpl> open = sessions;
        if (open != null && !open.isEmpty()) {
            List<SessionReport> reports = new ArrayList<>();
            for (SessionImpl s : open) {
                reports.add(s.report(now));
            }
            cutOff = reports;
        }
        runtime.onResolved();
        return true;
    }

    boolean isResolved() {
        return resolved.get();
    }

    boolean isReady() {
        return ready.get();
    }

    boolean hasExited() {
        return exited;
    }

    /** Resolved: {@code run} returned, {@code stop} returned and every session closed. */
    private void tryResolve() {
        if (exited && stopReturned) {
            Set<SessionImpl> open = sessions;
            if ((open == null || open.isEmpty()) && resolved.compareAndSet(false, true)) {
                runtime.onResolved();
            }
        }
    }

    ActorReport report(List<ThreadSnapshot> leaked) {
        ThreadSnapshot stuckAt = stuck;
        Outcome outcome = stuckAt != null || events.get(LifecycleEvent.STRAGGLED.ordinal()) != NOT_YET ? Outcome.STRAGGLER
                : error != null ? Outcome.FAILED : Outcome.RETURNED;
        Map<LifecycleEvent, Duration> times = new EnumMap<>(LifecycleEvent.class);
        for (LifecycleEvent e : LifecycleEvent.values()) {
            long at = events.get(e.ordinal());
            if (at != NOT_YET && !(outcome == Outcome.STRAGGLER && e == LifecycleEvent.RETURNED)) {
                times.put(e, Duration.ofNanos(at - 1));
            }
        }
        Throwable stopFailure = stopError != null ? stopError : stopHung;
        return new ActorReport(name, outcome, outcome == Outcome.STRAGGLER ? null : error, stopFailure, stopDeadline, times,
                stuckAt, cutOff, leaked);
    }

    void mark(LifecycleEvent event) {
        events.compareAndSet(event.ordinal(), NOT_YET, System.nanoTime() - runtime.startNanos + 1);
    }

    private static void parkFor(long nanos) {
        parkUntil(System.nanoTime() + nanos);
    }

    private static void parkUntil(long until) {
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return when stop was delivered to this actor, in nanoTime, or 0 if it has not been */
    long stopDeliveredAt() {
        long at = events.get(LifecycleEvent.STOP_DELIVERED.ordinal());
        return at == NOT_YET ? 0 : at - 1 + runtime.startNanos;
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
        if (ready.compareAndSet(false, true)) {
            mark(LifecycleEvent.READY);
            runtime.onReady();
        }
    }

    @Override
    public void publish(String handle, Object value) {
        runtime.handles.publish(name, handle, value, false);
    }

    @Override
    public void publishPort(String handle, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port '" + handle + "' of actor '" + name + "' must be 1 to 65535 (the port bound), was " + port);
        }
        runtime.handles.publish(name, handle, port, true);
    }

    @Override
    public Handles handles() {
        return runtime.handles;
    }

    @Override
    public boolean stopDelivered() {
        return stopRequested;
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
        stopLatch.await();
    }

    @Override
    public Session openSession(String label) {
        if (label == null) {
            throw new IllegalArgumentException("session label must not be null (actor '" + name + "')");
        }
        if (runtime.isStopping()) {
            throw refused(label);
        }
        Set<SessionImpl> open = sessions;
        if (open == null) {
            synchronized (this) {
                open = sessions;
                if (open == null) {
                    sessions = open = ConcurrentHashMap.newKeySet();
                }
            }
        }
        SessionImpl session = new SessionImpl(this, label, runtime.sessionStacks ? new Throwable().getStackTrace() : null);
        open.add(session);
        if (runtime.isStopping()) {
            open.remove(session);
            throw refused(label);
        }
        return session;
    }

    private SessionRefusedException refused(String label) {
        return new SessionRefusedException("actor '" + name + "' of group '" + runtime.name() + "' is stopping ("
                + runtime.stopCause().map(Throwable::getMessage).orElse("stop requested") + "): new session '" + label + "' refused");
    }

    void sessionClosed(SessionImpl session) {
        Set<SessionImpl> open = sessions;
        open.remove(session);
        if (drainWaiters.get() > 0) {
            synchronized (drainMonitor) {
                drainMonitor.notifyAll();
            }
        }
        tryResolve();
    }

    @Override
    public boolean awaitSessionsClosed(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        if (runtime.isStopping()) {
            long delivered = stopDeliveredAt();
            long stopDeadline = (delivered != 0 ? delivered : runtime.stopNanos()) + stopDeadlineNanos;
            if (stopDeadline - deadline < 0) {
                deadline = stopDeadline;
            }
        }
        drainWaiters.incrementAndGet();
        try {
            synchronized (drainMonitor) {
                while (true) {
                    Set<SessionImpl> open = sessions;
                    if (open == null || open.isEmpty()) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(drainMonitor, left);
                }
            }
        } finally {
            drainWaiters.decrementAndGet();
        }
    }

    @Override
    public ThreadFactory threadFactory() {
        return body -> {
            String threadName = runtime.name() + "/" + name + "/" + threadCount.incrementAndGet();
            return runtime.virtualThreads ? Threads.virtual(threadName, body)
                    : Threads.platform(threadGroup != null ? threadGroup : Thread.currentThread().getThreadGroup(), threadName, body);
        };
    }

    @Override
    public String toString() {
        return "actor '" + name + "' of group '" + runtime.name() + "'";
    }

    /** An open piece of work of this actor. */
    static final class SessionImpl implements Session {
        private final ActorCell cell;
        private final String label;
        private final long openedAt = System.nanoTime();
        private final String openedOn = Thread.currentThread().getName();
        private final StackTraceElement[] stack;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile long closedAt;

        SessionImpl(ActorCell cell, String label, StackTraceElement[] stack) {
            this.cell = cell;
            this.label = label;
            this.stack = stack;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public Duration age() {
            long end = closed.get() ? closedAt : System.nanoTime();
            return Duration.ofNanos(end - openedAt);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                closedAt = System.nanoTime();
                cell.sessionClosed(this);
            }
        }

        SessionReport report(long now) {
            return new SessionReport(cell.name, label, Duration.ofNanos(now - openedAt), openedOn,
                    stack == null ? null : java.util.Arrays.copyOfRange(stack, Math.min(1, stack.length), stack.length));
        }

        @Override
        public String toString() {
            return "session '" + label + "' of actor '" + cell.name + "'" + (closed.get() ? " (closed)" : "");
        }
    }
}
