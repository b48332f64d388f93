package dev.runstop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A group while it runs: starts the actor threads, spreads the stop, enforces deadlines, writes the report. */
final class GroupRuntime implements RunningGroup {
    /** How long stop delivery may stand still before another thread joins in. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    record Settings(String name, Duration stopDeadline, boolean trackThreads, Duration leakLinger,
            Predicate<Thread> ignoredThreads, boolean osSignals, boolean virtualThreads, boolean sessionStacks,
            Perturbation perturbation) {
    }

    final Settings settings;
    final HandleRegistry handles;
    final long startNanos = System.nanoTime();
    final boolean virtualThreads;
    final boolean sessionStacks;
    private final Instant startedAt = Instant.now();
    private final ActorCell[] cells;
    private final ActorCell[] stopOrder;
    private final Map<String, Duration> runDelays;
    private final Map<String, Duration> stopDelays;
    private final Set<String> runAfterStop;
    private final long longestDeadlineNanos;
    private final AtomicInteger readyWaiters = new AtomicInteger();
    private final ThreadGroup threads;
    private final ThreadGroup outside = Thread.currentThread().getThreadGroup();
    private final boolean callerSupervises;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicReference<StopCause> stopCause = new AtomicReference<>();
    private volatile long stopNanos;
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicInteger unresolved;
    private volatile ActorCell endedBeforeReady;
    private final CompletableFuture<StopReport> termination = new CompletableFuture<>();
    private final Map<String, Set<Consumer<String>>> signalListeners = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger activeDeliverers = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private volatile long deliveryProgressAt;
    final ProcessLeakCheck.Window processes; // process leak check (issue 14)

    private GroupRuntime(Settings settings, List<Group.Spec> specs, boolean callerSupervises) {
        this.settings = settings;
        this.virtualThreads = settings.virtualThreads();
        this.sessionStacks = settings.sessionStacks();
        this.callerSupervises = callerSupervises;
        this.handles = new HandleRegistry(settings.name());
        this.threads = settings.trackThreads() ? Threads.selfCleaningGroup(outside, "runstop:" + settings.name()) : null;
        this.cells = new ActorCell[specs.size()];
        for (int i = 0; i < cells.length; i++) {
            Group.Spec spec = specs.get(i);
            ThreadGroup own = threads == null ? null : Threads.selfCleaningGroup(threads, settings.name() + "/" + spec.name());
            cells[i] = new ActorCell(this, spec.name(), spec.actor(),
                    spec.stopDeadline() != null ? spec.stopDeadline() : settings.stopDeadline(), own);
        }
        this.unresolved = new AtomicInteger(cells.length);
        Perturbation p = settings.perturbation();
        if (p == null) {
            this.stopOrder = cells;
            this.runDelays = Map.of();
            this.stopDelays = Map.of();
            this.runAfterStop = Set.of();
        } else {
            List<String> names = actorNames();
            this.stopOrder = ordered(p.stopOrder(names), "stop order");
            this.runDelays = delays(p::delayBeforeRun);
            this.stopDelays = delays(p::delayBeforeStop);
            this.runAfterStop = actorNames().stream().filter(p::enterRunAfterStop).collect(java.util.stream.Collectors.toSet());
        }
        this.longestDeadlineNanos = Arrays.stream(cells).mapToLong(c -> c.stopDeadlineNanos).max().orElse(0);
        this.processes = ProcessLeakCheck.open(settings.name()); // process leak check (issue 14)
    }

    static GroupRuntime launch(Settings settings, List<Group.Spec> specs, boolean callerSupervises) {
        GroupRuntime runtime = new GroupRuntime(settings, specs, callerSupervises);
        runtime.startThreads();
        return runtime;
    }

    private void startThreads() {
        if (cells.length == 0) {
            triggerStop(StopCause.requested("the group has no actors"));
            return;
        }
        Perturbation p = settings.perturbation();
        ActorCell[] order = p == null ? cells : ordered(p.startOrder(actorNames()), "start order");
        for (ActorCell cell : order) {
            String threadName = settings.name() + "/" + cell.name;
            cell.thread = virtualThreads ? Threads.virtual(threadName, cell::runOnThread)
                    : Threads.platform(cell.threadGroup != null ? cell.threadGroup : outside, threadName, cell::runOnThread);
        }
        for (ActorCell cell : order) {
            try {
                cell.thread.start();
            } catch (Throwable cannotStart) {
                cell.exit(cannotStart);
            }
        }
    }

    private ActorCell[] ordered(List<String> names, String what) {
        Map<String, ActorCell> byName = new HashMap<>();
        for (ActorCell c : cells) {
            byName.put(c.name, c);
        }
        if (names == null || names.size() != cells.length || !byName.keySet().containsAll(names)
                || names.stream().distinct().count() != cells.length) {
            throw new IllegalArgumentException("perturbation's " + what + " " + names + " is not an order of the actors "
                    + byName.keySet());
        }
        return names.stream().map(byName::get).toArray(ActorCell[]::new);
    }

    private Map<String, Duration> delays(java.util.function.Function<String, Duration> delay) {
        Map<String, Duration> out = new HashMap<>();
        for (ActorCell c : cells) {
            Duration d = delay.apply(c.name);
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("perturbation's delay for actor '" + c.name + "' must be zero or positive, was " + d);
            }
            out.put(c.name, d);
        }
        return out;
    }

    Duration delayBeforeRun(String actor) {
        return runDelays.getOrDefault(actor, Duration.ZERO);
    }

    boolean entersRunAfterStop(String actor) {
        return runAfterStop.contains(actor);
    }

    boolean isStopping() {
        return stopCause.get() != null;
    }

    long stopNanos() {
        return stopNanos;
    }

    // ---- events from actor threads ----

    void onReady() {
        if (readyCount.incrementAndGet() == cells.length && readyWaiters.get() > 0) {
            signalChanged();
        }
    }

    void onExit(ActorCell cell, Throwable failure) {
        boolean beforeReady = !cell.isReady() && endedBeforeReady == null;
        if (beforeReady) {
            endedBeforeReady = cell;
        }
        if (stopCause.get() == null) {
            triggerStop(failure == null ? StopCause.returned(cell.name) : StopCause.failed(cell.name, failure));
        }
        if (beforeReady) {
            signalChanged();
        }
    }

    void onResolved() {
        if (unresolved.decrementAndGet() == 0) {
            signalChanged();
        }
    }

    /** Marks the group stopping with the given cause, if it is not already. */
    boolean triggerStop(StopCause cause) {
        if (!stopCause.compareAndSet(null, cause)) {
            return false;
        }
        stopNanos = System.nanoTime();
        deliveryProgressAt = stopNanos;
        handles.close(cause.getMessage());
        signalChanged();
        if (!callerSupervises) {
            Thread supervisor = Threads.platform(outside, settings.name() + "/stopper", this::superviseAndPublish);
            supervisor.start();
        }
        return true;
    }

    private void signalChanged() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- stop delivery: the thread that ended the group, every actor thread as it returns, and helpers
    // spawned by the supervisor when delivery stalls take the next actor to stop from one shared counter ----

    void helpDeliver() {
        if (settings.perturbation() == null && next.get() < stopOrder.length) {
            activeDeliverers.incrementAndGet();
            deliverStops();
        }
    }

    /** Delivers stops until none is left; the caller has counted itself in {@link #activeDeliverers}. */
    private void deliverStops() {
        try {
            StopCause cause = stopCause.get();
            int i;
            while ((i = next.getAndIncrement()) < stopOrder.length) {
                ActorCell cell = stopOrder[i];
                Duration delay = stopDelays.get(cell.name);
                if (delay != null && !delay.isZero()) {
                    sleepUninterruptibly(delay);
                }
                deliveryProgressAt = System.nanoTime();
                cell.deliverStop(cause);
                deliveryProgressAt = System.nanoTime();
                delivered.incrementAndGet();
            }
        } finally {
            activeDeliverers.decrementAndGet();
        }
    }

    /**
     * Whether the supervisor must start a delivery thread: at once for a stop from outside (no actor thread
     * is there to deliver), and whenever delivery has stood still for a while (a slow {@code stop} must not
     * hold up the others). With a perturbation, exactly one thread delivers, in order.
     */
    private boolean deliveryNeedsHelper(long now) {
        if (next.get() >= stopOrder.length) {
            return false;
        }
        boolean idle = activeDeliverers.get() == 0;
        if (settings.perturbation() != null) {
            // one thread delivers, in order; another takes over only from a stop() stuck past every deadline
            return idle || now - deliveryProgressAt > longestDeadlineNanos;
        }
        return idle && stopCause.get().kind() == StopCause.Kind.STOP_REQUESTED || now - deliveryProgressAt > STALL_NANOS;
    }

    private void spawnDeliverer() {
        deliveryProgressAt = System.nanoTime();
        activeDeliverers.incrementAndGet();
        Threads.platform(outside, settings.name() + "/stop-delivery", this::deliverStops).start();
    }

    private static void sleepUninterruptibly(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = until - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    // ---- supervision ----

    StopReport superviseOnCallerThread() {
        boolean interrupted = false;
        lock.lock();
        try {
            while (stopCause.get() == null) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    triggerStop(StopCause.requested("the thread running group '" + settings.name() + "' was interrupted"));
                }
            }
        } finally {
            lock.unlock();
        }
        StopReport report = supervise();
        if (interrupted || Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    private void superviseAndPublish() {
        supervise();
    }

    private StopReport supervise() {
        boolean interrupted = false;
        while (unresolved.get() > 0) {
            long now = System.nanoTime();
            if (deliveryNeedsHelper(now)) {
                spawnDeliverer();
            }
            long wakeAt = now + TimeUnit.DAYS.toNanos(1);
            for (ActorCell cell : cells) {
                if (cell.isResolved()) {
                    continue;
                }
                long deliveredAt = cell.stopDeliveredAt();
                if (deliveredAt == 0) {
                    continue; // its deadline starts when its stop is delivered; delivery is watched above
                }
                long deadline = deliveredAt + cell.stopDeadlineNanos;
                if (now - deadline >= 0) {
                    cell.declareOverdue();
                } else if (deadline - wakeAt < 0) {
                    wakeAt = deadline;
                }
            }
            // while stops are still being delivered, deadlines are yet to appear: look again shortly
            if (delivered.get() < stopOrder.length && now + STALL_NANOS - wakeAt < 0) {
                wakeAt = now + STALL_NANOS;
            }
            lock.lock();
            try {
                long left = wakeAt - System.nanoTime();
                if (unresolved.get() > 0 && left > 0) {
                    changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                lock.unlock();
            }
        }
        Map<ActorCell, List<ThreadSnapshot>> leaks = findLeaks();
        Map<String, ThreadGroup> actorGroups = new LinkedHashMap<>(); // process leak check (issue 14): 4 lines
        Map<String, Thread> actorThreads = new LinkedHashMap<>();
        Arrays.stream(cells).forEach(c -> { actorGroups.put(c.name, c.threadGroup); actorThreads.put(c.name, c.thread); });
        ProcessLeakCheck.Result processLeaks = processes.close(actorGroups, actorThreads, settings.leakLinger());
        List<ActorReport> reports = new ArrayList<>(cells.length);
        for (ActorCell cell : cells) {
            reports.add(cell.report(leaks.getOrDefault(cell, List.of()))
                    .withProcesses(processLeaks.outcome(cell.name), processLeaks.of(cell.name))); // issue 14
        }
        long end = System.nanoTime();
        StopReport report = new StopReport(settings.name(), stopCause.get(), startedAt, Duration.ofNanos(stopNanos - startNanos),
                Duration.ofNanos(end - startNanos), reports, processLeaks.unattributed()); // issue 14: unattributed processes
        termination.complete(report);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    private Map<ActorCell, List<ThreadSnapshot>> findLeaks() {
        if (threads == null) {
            return Map.of();
        }
        Set<Thread> own = new java.util.HashSet<>();
        for (ActorCell cell : cells) {
            own.add(cell.thread);
        }
        long until = System.nanoTime() + settings.leakLinger().toNanos();
        boolean interrupted = false;
        Map<ActorCell, List<ThreadSnapshot>> leaks = new LinkedHashMap<>();
        for (Thread t : Threads.liveThreads(threads)) {
            if (own.contains(t) || isIgnored(t)) {
                continue;
            }
            long left = until - System.nanoTime();
            if (left > 0 && !interrupted) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true; // stop lingering, but still check every thread
                }
            }
            if (t.isAlive()) {
                ActorCell owner = Arrays.stream(cells).filter(c -> Threads.isIn(t, c.threadGroup)).findFirst().orElse(null);
                if (owner != null) {
                    leaks.computeIfAbsent(owner, c -> new ArrayList<>()).add(ThreadSnapshot.of(t));
                }
            }
        }
        for (ActorCell cell : cells) {
            if (Threads.GROUPS_SELF_DESTROY && cell.hasExited() && !interrupted) {
                // the actor thread is finishing: let it end, so the empty group is destroyed at once
                // instead of through its holder thread (an extra thread start per actor on Java 17)
                try {
                    cell.thread.join(50);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            Threads.release(cell.threadGroup);
        }
        Threads.release(threads);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return leaks;
    }

    /** The allow-list; one that throws must not hang the group: the thread then counts, and the error is logged. */
    private boolean isIgnored(Thread t) {
        try {
            return settings.ignoredThreads().test(t);
        } catch (RuntimeException | Error e) {
            System.getLogger(Group.class.getName()).log(System.Logger.Level.WARNING, "the ignored-threads predicate of group '"
                    + settings.name() + "' threw for thread '" + t.getName() + "'; the thread is checked for leaks", e);
            return false;
        }
    }

    // ---- RunningGroup ----

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public List<String> actorNames() {
        return Arrays.stream(cells).map(c -> c.name).toList();
    }

    @Override
    public RunningGroup awaitReady(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "start deadline");
        long deadline = System.nanoTime() + timeout.toNanos();
        readyWaiters.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                ActorCell ended = endedBeforeReady;
                if (ended != null) {
                    throw endedBeforeReady(ended);
                }
                if (readyCount.get() == cells.length) {
                    return this;
                }
                StopCause cause = stopCause.get();
                if (cause != null) {
                    throw new StartFailedException("group '" + name() + "' stopped before it was ready: " + cause.getMessage(),
                            cause.getCause());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw notReady(timeout);
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
            readyWaiters.decrementAndGet();
        }
    }

    private StartFailedException endedBeforeReady(ActorCell cell) {
        Throwable error = cell.report(List.of()).error().orElse(null);
        if (error != null) {
            return new StartFailedException("group '" + name() + "' did not start: actor '" + cell.name
                    + "' failed before it was ready: " + error, error);
        }
        return new StartFailedException("group '" + name() + "' did not start: actor '" + cell.name
                + "' returned before it was ready (the first actor to return ends its group)", null);
    }

    private StartFailedException notReady(Duration timeout) {
        List<ActorCell> waiting = Arrays.stream(cells).filter(c -> !c.isReady()).toList();
        StringBuilder message = new StringBuilder("group '" + name() + "' was not ready within " + Durations.format(timeout)
                + ": " + waiting.size() + " of " + cells.length + " actors not ready:");
        List<ActorException> details = new ArrayList<>();
        for (ActorCell cell : waiting) {
            Thread t = cell.thread;
            ThreadSnapshot s = t == null ? null : ThreadSnapshot.of(t);
            String where = s == null ? "its thread has not started"
                    : cell.report(List.of()).at(LifecycleEvent.RUN_ENTERED).isEmpty() ? "has not entered run() yet"
                    : "stuck at " + s.stuckAt() + ", " + s.describeState() + " (thread '" + s.threadName() + "')";
            message.append(System.lineSeparator()).append("  '").append(cell.name).append("' ").append(where);
            details.add(new ActorException(cell.name, ActorException.Problem.NOT_READY,
                    "actor '" + cell.name + "' not ready: " + where, null, s == null ? null : s.stackArray()));
        }
        StartFailedException failure = new StartFailedException(message.toString(), null);
        details.forEach(failure::addSuppressed);
        return failure;
    }

    @Override
    public boolean isReady() {
        return readyCount.get() == cells.length;
    }

    @Override
    public Handles handles() {
        return handles;
    }

    @Override
    public void stop(String reason) {
        triggerStop(StopCause.requested(reason == null || reason.isBlank() ? "by its owner" : reason));
    }

    @Override
    public void signal(String signal) {
        String name = Actors.normalizeSignal(signal);
        Set<Consumer<String>> listeners = signalListeners.get(name);
        if (listeners == null || listeners.isEmpty()) {
            throw new IllegalStateException("no running actor of group '" + name() + "' listens for SIG" + name
                    + "; listening now: " + signalListeners.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                            .map(e -> "SIG" + e.getKey()).sorted().toList());
        }
        listeners.forEach(l -> l.accept(name));
    }

    /** Subscribes a signal actor of this group to a signal, simulated and, if enabled, real. */
    Runnable listenForSignal(String signal, Consumer<String> listener) {
        Set<Consumer<String>> local = signalListeners.computeIfAbsent(signal, s -> new CopyOnWriteArraySet<>());
        local.add(listener);
        Runnable os = settings.osSignals() ? OsSignals.subscribe(signal, listener) : () -> { };
        return () -> {
            local.remove(listener);
            os.run();
        };
    }

    @Override
    public Optional<StopCause> stopCause() {
        return Optional.ofNullable(stopCause.get());
    }

    @Override
    public Optional<StopReport> report() {
        return Optional.ofNullable(termination.getNow(null));
    }

    @Override
    public Optional<StopReport> awaitTermination(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        try {
            return Optional.of(termination.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public StopReport stopAndAwait(String reason) throws InterruptedException {
        stop(reason);
        try {
            return termination.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public State state() {
        return termination.isDone() ? State.TERMINATED : stopCause.get() != null ? State.STOPPING
                : isReady() ? State.READY : State.STARTING;
    }

    @Override
    public String snapshot() {
        StringBuilder out = new StringBuilder("group '" + name() + "' is " + state());
        for (ActorCell cell : cells) {
            Thread t = cell.thread;
            ThreadSnapshot s = t == null ? null : ThreadSnapshot.of(t);
            out.append(System.lineSeparator()).append("  '").append(cell.name).append("' ")
                    .append(cell.isReady() ? "ready" : "not ready").append(s == null ? "" : ": " + s);
        }
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        StopReport report = stopAndAwait("closed");
        if (!report.clean()) {
            throw report.failure().orElseThrow();
        }
    }

    @Override
    public CompletionStage<StopReport> termination() {
        return termination.minimalCompletionStage();
    }

    @Override
    public String toString() {
        StopCause cause = stopCause.get();
        return "RunningGroup[" + name() + ", " + (termination.isDone() ? "terminated"
                : cause != null ? "stopping" : isReady() ? "ready" : "starting").toUpperCase(Locale.ROOT)
                + (cause != null ? ", " + cause.getMessage() : "") + "]";
    }
}
