package dev.runstop;

import dev.runstop.internal.LifecycleHooks;
import dev.runstop.internal.Uninterruptibles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A group while it runs: the {@link RunningGroup} face. It owns the group's {@link RunningGroup.State},
 * changed only by {@link #advance}, and hands each job to a class of its own: the actors' states to
 * {@link ActorCell}, stop delivery to {@link StopDelivery}, deadlines to the JVM's {@link Watchdog}, the
 * leak check to {@link LeakCheck}, signals to {@link Signals}.
 */
final class GroupRuntime implements RunningGroup {
    /** Actor instances in running groups, by identity: one instance runs in one group at a time. */
    private static final Map<IdentityKey, String> RUNNING_ACTORS = new ConcurrentHashMap<>();

    record Settings(String name, Duration stopDeadline, boolean trackThreads, Duration leakLinger,
            Predicate<Thread> ignoredThreads, boolean osSignals, boolean virtualThreads, boolean sessionStacks,
            LifecycleHooks hooks, Map<String, List<String>> dependsOn, Predicate<Thread> sharedThreads, boolean leakOrigins,
            FactoryScope factory) {
    }

    final Settings settings;
    final HandleRegistry handles;
    final long startNanos = System.nanoTime();
    final boolean virtualThreads;
    final boolean sessionStacks;
    final Signals signals;
    /** The child processes started while the group runs, for the process leak check. */
    final ProcessLeakCheck.Window processes;
    private final Instant startedAt = Instant.now();
    private final ActorCell[] cells;
    private final Map<String, ActorCell> byName;
    private final StopDelivery delivery;
    private final Map<String, Long> runDelayNanos;
    private final Set<String> runAfterStop;
    /** With hooks: the start order, which is also the order of entering run; null without hooks. */
    private ActorCell[] startOrder;
    private static final long ENTRY_WAIT_CAP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private final ThreadGroup threads;
    private final ThreadGroup outside = Thread.currentThread().getThreadGroup();
    /** Who made which thread, for the leak check; null when threads are not tracked. */
    private final LeakScope leakScope;
    private final boolean callerSupervises;

    /** The group's state; changed only by {@link #advance}. Waiters wait on {@link #changed}. */
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    /** Guards nothing but the waits: every transition a waiter cares about signals {@link #changed}. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();

    private volatile StopCause stopCause;
    private volatile long stopNanos;
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicInteger unresolved;
    private volatile ActorCell endedBeforeReady;
    private final long shortestDeadlineNanos;
    /** Watchdog only: when it must next scan the deadlines. */
    private long nextScanAt;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile StopReport report;
    /** Stages handed out by {@link #termination()} before the report existed; guarded by itself. */
    private final List<CompletableFuture<StopReport>> terminationStages = new ArrayList<>();
    private final List<IdentityKey> registered = new ArrayList<>();

    private GroupRuntime(Settings settings, List<Group.Spec> specs, boolean callerSupervises) {
        this.settings = settings;
        this.virtualThreads = settings.virtualThreads();
        this.sessionStacks = settings.sessionStacks();
        this.callerSupervises = callerSupervises;
        this.handles = new HandleRegistry(settings.name(), this);
        this.signals = new Signals(settings.name(), settings.osSignals());
        this.processes = ProcessLeakCheck.open(settings.name());
        this.cells = new ActorCell[specs.size()];
        this.byName = new HashMap<>(specs.size() * 2);
        register(specs);
        this.threads = settings.trackThreads() ? Threads.runtimeGroup("runstop:" + settings.name()) : null;
        if (threads != null && settings.leakOrigins()) {
            ThreadOrigins.start();
        }
        this.leakScope = threads == null ? null : new LeakScope(settings.name(), threads, outside, settings.factory());
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        for (int i = 0; i < cells.length; i++) {
            Group.Spec spec = specs.get(i);
            ThreadGroup own = threads == null ? null : Threads.selfCleaningGroup(threads, settings.name() + "/" + spec.name());
            ActorCell.ReadyRule rule;
            boolean pair = false;
            Throwable setupError = null;
            if (spec.actor() instanceof PairActor) {
                pair = !((PairActor) spec.actor()).isBody();
                rule = pair ? ActorCell.ReadyRule.OBSERVED : ActorCell.ReadyRule.BODY;
            } else {
                boolean signalled;
                try {
                    signalled = spec.actor().signalsReady();
                } catch (Throwable t) {
                    signalled = true;
                    setupError = new IllegalStateException("signalsReady() of actor '" + spec.name() + "' threw "
                            + Safe.describe(t), t);
                }
                rule = signalled ? ActorCell.ReadyRule.SIGNALLED : ActorCell.ReadyRule.OBSERVED;
            }
            Duration deadline = spec.stopDeadline() != null ? spec.stopDeadline() : settings.stopDeadline();
            ActorCell cell = new ActorCell(this, spec.name(), spec.actor(), deadline, own, rule, pair, setupError);
            cells[i] = cell;
            byName.put(cell.name, cell);
            shortest = Math.min(shortest, cell.stopDeadlineNanos);
            longest = Math.max(longest, cell.stopDeadlineNanos);
        }
        this.shortestDeadlineNanos = cells.length == 0 ? 0 : shortest;
        this.unresolved = new AtomicInteger(cells.length);
        settings.dependsOn().forEach((dependent, publishers) -> {
            for (String p : publishers) {
                byName.get(dependent).dependOn(byName.get(p));
            }
        });
        LifecycleHooks hooks = settings.hooks();
        boolean serial = hooks != LifecycleHooks.NONE;
        Map<String, Long> stopDelays = new HashMap<>();
        Map<String, Long> runDelays = new HashMap<>();
        Set<String> afterStop = new HashSet<>();
        ActorCell[] stopOrder = cells;
        if (serial) {
            stopOrder = ordered(hooks.stopOrder(actorNames()), "stop order");
            for (ActorCell c : cells) {
                stopDelays.put(c.name, Durations.nanos(nonNegative(hooks.delayBeforeStop(c.name), c.name)));
                runDelays.put(c.name, Durations.nanos(nonNegative(hooks.delayBeforeRun(c.name), c.name)));
                if (hooks.enterRunAfterStop(c.name)) {
                    afterStop.add(c.name);
                }
            }
        }
        this.runDelayNanos = runDelays;
        this.runAfterStop = afterStop;
        this.delivery = new StopDelivery(this, stopOrder, serial, stopDelays, longest);
    }

    /** Refuses an actor instance that runs in another group now. */
    private void register(List<Group.Spec> specs) {
        for (Group.Spec spec : specs) {
            IdentityKey key = new IdentityKey(spec.actor());
            String where = "actor '" + spec.name() + "' of group '" + settings.name() + "'";
            String running = RUNNING_ACTORS.putIfAbsent(key, where);
            if (running != null) {
                registered.forEach(RUNNING_ACTORS::remove);
                throw new IllegalStateException("cannot start group '" + settings.name() + "': the Actor instance added as '"
                        + spec.name() + "' is already running as " + running + "; an actor instance runs in one group at a"
                        + " time: create a new instance for each group");
            }
            registered.add(key);
        }
    }

    static GroupRuntime launch(Settings settings, List<Group.Spec> specs, boolean callerSupervises) {
        GroupRuntime runtime = new GroupRuntime(settings, specs, callerSupervises);
        runtime.startThreads();
        return runtime;
    }

    private void startThreads() {
        if (cells.length == 0) {
            if (triggerStop(StopCause.requested("the group has no actors"))) {
                finishIfResolved();
            }
            return;
        }
        ActorCell[] order = settings.hooks() == LifecycleHooks.NONE ? cells
                : ordered(settings.hooks().startOrder(actorNames()), "start order");
        if (settings.hooks() != LifecycleHooks.NONE) {
            startOrder = order; // written before the threads start: they see it
        }
        VirtualThreadCheck.Flag outerMark = null;
        boolean marking = leakScope != null && VirtualThreadCheck.AVAILABLE;
        if (marking) { // the actors' threads inherit it, and every thread made from them
            outerMark = VirtualThreadCheck.MARK.get();
            VirtualThreadCheck.MARK.set(leakScope.virtualFlag);
            leakScope.virtualFlag.makingActors = true;
        }
        for (ActorCell cell : order) {
            String threadName = settings.name() + "/" + cell.name;
            cell.thread = virtualThreads ? Threads.virtual(threadName, cell::runOnThread)
                    : Threads.platform(cell.threadGroup != null ? cell.threadGroup : outside, threadName, cell::runOnThread);
            if (leakScope != null && !virtualThreads) {
                leakScope.tag(cell, cell.thread);
            }
        }
        if (marking) {
            leakScope.virtualFlag.makingActors = false;
            VirtualThreadCheck.MARK.set(outerMark);
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
        if (names == null || names.size() != cells.length || !byName.keySet().containsAll(names)
                || names.stream().distinct().count() != cells.length) {
            throw new IllegalArgumentException("lifecycle hooks' " + what + " " + names + " is not an order of the actors "
                    + byName.keySet());
        }
        return names.stream().map(byName::get).toArray(ActorCell[]::new);
    }

    private static Duration nonNegative(Duration d, String actor) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("lifecycle hooks' delay for actor '" + actor + "' must be zero or positive, was " + d);
        }
        return d;
    }

    // ---- the one transition method of the group's state ----

    /** Moves the group's state forward to {@code to} from any earlier state. @return false if it was already there or past */
    private boolean advance(State to) {
        while (true) {
            State now = state.get();
            if (now.compareTo(to) >= 0) {
                return false;
            }
            if (state.compareAndSet(now, to)) {
                signalWaiters();
                return true;
            }
        }
    }

    private void signalWaiters() {
        if (waiters.get() > 0) {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    boolean isStopping() {
        return stopCause != null;
    }

    long stopNanos() {
        return stopNanos;
    }

    ActorCell cell(String name) {
        return name == null ? null : byName.get(name);
    }

    // ---- events from the cells ----

    /**
     * On the actor's thread, before {@code run}: the hooks' delays and "stop before run". With hooks, an
     * actor also enters {@code run} only once every actor before it in the start order, with no longer a
     * delay, has started up (is ready, blocked, ended or held): so which start-up an actor sees finished
     * is decided by the schedule, not by the machine's thread scheduling, and a replay replays it.
     */
    void beforeRun(ActorCell cell) {
        if (settings.hooks().awaitTurnToRun(cell.name)) {
            return;
        }
        if (runAfterStop.contains(cell.name)) {
            cell.awaitStopReturned();
            Uninterruptibles.parkFor(runDelayNanos.getOrDefault(cell.name, 0L));
            return;
        }
        Long delay = runDelayNanos.get(cell.name);
        if (delay != null && delay > 0) {
            Uninterruptibles.parkUntil(startNanos + delay);
        }
        if (startOrder != null) {
            long own = delay == null ? 0 : delay;
            long cap = System.nanoTime() + ENTRY_WAIT_CAP_NANOS;
            for (ActorCell before : startOrder) {
                if (before == cell) {
                    break;
                }
                if (runAfterStop.contains(before.name) || runDelayNanos.getOrDefault(before.name, 0L) > own) {
                    continue;
                }
                while (!startedUp(before) && System.nanoTime() - cap < 0 && !isStopping()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
        }
    }

    private static boolean startedUp(ActorCell cell) {
        ActorCell.Run run = cell.runState();
        if (run.compareTo(ActorCell.Run.READY) >= 0) {
            return true;
        }
        if (run != ActorCell.Run.RUNNING) {
            return false;
        }
        Threads.Seen seen = Threads.seen(cell.thread);
        return seen == Threads.Seen.HANDLE_WAIT // waits for another actor: the others may go on
                || seen == Threads.Seen.BLOCKED && cell.readyRule != ActorCell.ReadyRule.SIGNALLED;
    }

    void onReady(ActorCell cell) {
        if (readyCount.incrementAndGet() == cells.length && !isStopping()) {
            State now = state.get();
            if (now == State.STARTING && state.compareAndSet(State.STARTING, State.READY)) {
                signalWaiters();
            }
        }
    }

    /** A cell's run ended (or it straggled). {@code before} is its run state before that. */
    void onExit(ActorCell cell, ActorCell.Run before, Throwable failure) {
        boolean firstBeforeReady = false;
        if (before.compareTo(ActorCell.Run.READY) < 0 && endedBeforeReady == null && cell.runState() != ActorCell.Run.STRAGGLED) {
            endedBeforeReady = cell;
            firstBeforeReady = true;
        }
        if (stopCause == null && cell.runState() != ActorCell.Run.STRAGGLED) {
            String signal = cell.actor instanceof SignalsActor ? ((SignalsActor) cell.actor).received() : null;
            triggerStop(failure != null ? StopCause.failed(cell.name, failure,
                    before.compareTo(ActorCell.Run.READY) < 0 ? "starting" : "running")
                    : signal != null ? StopCause.signal(cell.name, signal) : StopCause.returned(cell.name));
        }
        delivery.onDone(cell);
        if (firstBeforeReady) {
            signalWaiters(); // awaitReady fails fast with this actor's error; other exits concern no waiter
        }
    }

    /** On the actor's thread once its run ended: it helps deliver the stops. */
    void afterExit(ActorCell cell) {
        if (isStopping()) {
            delivery.deliverHere();
        }
    }

    void onResolved(ActorCell cell) {
        if (unresolved.decrementAndGet() == 0) {
            if (callerSupervises) {
                signalWaiters();
            } else if (Thread.currentThread().getName().equals("runstop-watchdog")) {
                startHelper("report", this::finish);
            } else {
                finish();
            }
        }
    }

    /** Marks the group stopping with the given cause, if it is not already. @return true if this call did */
    boolean triggerStop(StopCause cause) {
        synchronized (this) {
            if (stopCause != null) {
                return false;
            }
            stopNanos = System.nanoTime();
            stopCause = cause;
        }
        handles.close(cause.getMessage());
        delivery.begin(cause);
        advance(State.STOPPING);
        if (cells.length > 0) {
            Watchdog.INSTANCE.watch(this);
        }
        return true;
    }

    /** An actor looked up another's handle while the group stops: the stop order may change. */
    void edgeAdded() {
        delivery.edgeAdded();
    }

    /** Starts a thread of the runtime's own (not an actor's). */
    void startHelper(String job, Runnable body) {
        Threads.platform(outside, settings.name() + "/" + job, body).start();
    }

    // ---- the watchdog's look ----

    /**
     * One look of the watchdog: declares the actors past their deadline, starts a stop deliverer if
     * delivery stands still. Runs no user code.
     *
     * @return when to look again (nanoTime), or {@link Long#MIN_VALUE} when the group needs no more looks
     */
    long watch(long now) {
        if (unresolved.get() == 0) {
            return Long.MIN_VALUE;
        }
        long next = delivery.check(now, false);
        if (now - nextScanAt >= 0) {
            long earliest = Long.MAX_VALUE;
            boolean undelivered = false;
            boolean declared = false;
            for (ActorCell cell : cells) {
                if (cell.isResolved()) {
                    continue;
                }
                long deliveredAt = cell.stopDeliveredAt();
                if (deliveredAt == 0) {
                    undelivered = true;
                    continue;
                }
                long deadline = deliveredAt + cell.stopDeadlineNanos;
                if (now - deadline >= 0) {
                    declared |= cell.declareOverdue(now);
                } else if (earliest == Long.MAX_VALUE || deadline - earliest < 0) {
                    earliest = deadline;
                }
            }
            // a stop delivered after this scan has its deadline at least the shortest deadline away
            long rescan = undelivered ? now + shortestDeadlineNanos : Long.MAX_VALUE;
            nextScanAt = earliest == Long.MAX_VALUE ? rescan : rescan == Long.MAX_VALUE ? earliest : Math.min(earliest, rescan);
            if (declared) {
                long again = delivery.check(now, true); // overdue dependents may have released their publishers' stops
                next = again == Long.MAX_VALUE ? next : next == Long.MAX_VALUE ? again : Math.min(next, again);
            }
        }
        if (unresolved.get() == 0) {
            return Long.MIN_VALUE;
        }
        long wake = next == Long.MAX_VALUE ? nextScanAt : nextScanAt == Long.MAX_VALUE ? next : Math.min(next, nextScanAt);
        return wake == Long.MAX_VALUE ? now + TimeUnit.SECONDS.toNanos(1) : wake;
    }

    // ---- the end: leak check and report ----

    private void finishIfResolved() {
        if (unresolved.get() == 0 && !callerSupervises) {
            finish();
        }
    }

    private void finish() {
        LeakCheck.Result threadLeaks = LeakCheck.Result.NONE;
        if (threads != null) {
            Set<Thread> own = new HashSet<>();
            for (ActorCell cell : cells) {
                own.add(cell.thread);
            }
            threadLeaks = new LeakCheck(settings.name(), settings.ignoredThreads(), settings.sharedThreads(),
                    Durations.nanos(settings.leakLinger()), settings.leakOrigins()).check(leakScope, cells, own);
            leakScope.close();
            for (ActorCell cell : cells) {
                Threads.release(cell.threadGroup); // O(1): an empty group goes now, a busy one when its last thread ends
            }
            Threads.release(threads);
        }
        if (settings.factory() != null) {
            settings.factory().release();
        }
        Map<ActorCell, List<ThreadSnapshot>> leaks = threadLeaks.leaks();
        Map<String, List<String>> cycleOf = new LinkedHashMap<>();
        for (List<String> cycle : delivery.cycles()) {
            for (String member : cycle) {
                cycleOf.put(member, cycle);
            }
        }
        Map<String, ThreadGroup> actorGroups = new LinkedHashMap<>();
        Map<String, Thread> actorThreads = new LinkedHashMap<>();
        for (ActorCell c : cells) {
            actorGroups.put(c.name, c.threadGroup);
            actorThreads.put(c.name, c.thread);
        }
        ProcessLeakCheck.Result processLeaks = processes.close(actorGroups, actorThreads, settings.leakLinger());
        List<ActorReport> reports = new ArrayList<>(cells.length);
        for (ActorCell cell : cells) {
            reports.add(cell.report(leaks.getOrDefault(cell, List.of()), cycleOf.getOrDefault(cell.name, List.of()))
                    .withProcesses(processLeaks.outcome(cell.name), processLeaks.of(cell.name)));
        }
        long end = System.nanoTime();
        StopReport done = new StopReport(settings.name(), stopCause, startedAt, Duration.ofNanos(stopNanos - startNanos),
                Duration.ofNanos(end - startNanos), reports, processLeaks.unattributed(), threadLeaks.factoryLeaks(),
                threadLeaks.shared());
        registered.forEach(RUNNING_ACTORS::remove);
        List<CompletableFuture<StopReport>> stages;
        synchronized (terminationStages) {
            report = done;
            stages = List.copyOf(terminationStages);
            terminationStages.clear();
        }
        advance(State.TERMINATED);
        terminated.countDown(); // waiters go first; callbacks of termination() never hold them up
        if (!stages.isEmpty()) {
            startHelper("termination", () -> stages.forEach(stage -> stage.complete(done)));
        }
    }

    StopReport superviseOnCallerThread() {
        boolean interrupted = false;
        waiters.incrementAndGet();
        lock.lock();
        try {
            while (stopCause == null) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (triggerStop(StopCause.requested("the thread running group '" + settings.name() + "' was interrupted"))) {
                        lock.unlock();
                        try {
                            delivery.deliverHere();
                        } finally {
                            lock.lock();
                        }
                    }
                }
            }
            while (unresolved.get() > 0) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    interrupted = true; // the stop is bounded by the deadlines: go on waiting for it
                }
            }
        } finally {
            lock.unlock();
            waiters.decrementAndGet();
        }
        finish();
        if (interrupted || Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    // ---- readiness ----

    /** Marks ready the actors of the observed kind whose thread is seen blocked. */
    private boolean observeReadiness() {
        boolean unobserved = false;
        for (ActorCell cell : cells) {
            if (cell.readyRule != ActorCell.ReadyRule.OBSERVED) {
                continue;
            }
            ActorCell.Run run = cell.runState();
            if (run == ActorCell.Run.RUNNING && Threads.seenBlocked(cell.thread)) {
                cell.ready();
            } else if (run.compareTo(ActorCell.Run.RUNNING) <= 0) {
                unobserved = true; // not in run yet, or not seen blocked yet: look again soon
            }
        }
        return unobserved;
    }

    @Override
    public RunningGroup awaitReady(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "start deadline");
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        long poll = TimeUnit.MICROSECONDS.toNanos(500);
        waiters.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                ActorCell ended = endedBeforeReady;
                if (ended != null) {
                    throw endedBeforeReady(ended);
                }
                StopCause cause = stopCause;
                if (cause != null) {
                    throw new StartFailedException("group '" + name() + "' stopped before it was ready: " + cause.getMessage(),
                            cause.getCause());
                }
                boolean observing = observeReadiness();
                if (state.get() == State.READY) {
                    return this;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw notReady(timeout);
                }
                if (observing) {
                    changed.awaitNanos(Math.min(left, poll));
                    poll = Math.min(poll * 2, TimeUnit.MILLISECONDS.toNanos(20));
                } else {
                    changed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
            waiters.decrementAndGet();
        }
    }

    private StartFailedException endedBeforeReady(ActorCell cell) {
        Throwable error = cell.error;
        if (error != null) {
            return new StartFailedException("group '" + name() + "' did not start: actor '" + cell.name
                    + "' failed before it was ready: " + StopReport.detail(error, "starting"), error);
        }
        return new StartFailedException("group '" + name() + "' did not start: actor '" + cell.name
                + "' returned before it was ready, while starting (the first actor to return ends its group)", null);
    }

    private StartFailedException notReady(Duration timeout) {
        List<ActorCell> waiting = Arrays.stream(cells).filter(c -> !c.isReady()).toList();
        StringBuilder message = new StringBuilder("group '" + name() + "' was not ready within " + Durations.format(timeout)
                + ": " + waiting.size() + " of " + cells.length + " actors not ready:");
        List<ActorException> details = new ArrayList<>();
        for (ActorCell cell : waiting) {
            Thread t = cell.thread;
            ThreadSnapshot s = t == null || cell.runState() == ActorCell.Run.NEW ? null : ThreadSnapshot.of(t);
            String where;
            if (s == null) {
                where = "still starting: its thread has not started";
            } else if (!cell.happened(LifecycleEvent.RUN_ENTERED)) {
                where = "still starting: has not entered run() yet (thread '" + s.threadName() + "')";
            } else if (cell.readyRule == ActorCell.ReadyRule.SIGNALLED && s.stack().stream()
                    .anyMatch(f -> f.getClassName().equals(ActorCell.class.getName()) && f.getMethodName().equals("awaitStop"))) {
                where = "never called ctx.ready(): it waits in ctx.awaitStop() at " + s.where() + " while starting (thread '"
                        + s.threadName() + "')";
            } else {
                where = "stuck at " + s.where() + " while starting, " + s.describeState() + " (thread '" + s.threadName() + "')";
            }
            // the first actor on the first line, so the console's one-line summary names it and its frame
            message.append(details.isEmpty() ? " " : System.lineSeparator() + "  ").append("'").append(cell.name).append("' ")
                    .append(where);
            if (details.isEmpty() && waiting.size() > 1) {
                message.append(" (and ").append(waiting.size() - 1).append(" more below)");
            }
            details.add(new ActorException(cell.name, ActorException.Problem.NOT_READY,
                    "actor '" + cell.name + "' not ready: " + where, null, s == null ? null : s.stackArray()));
        }
        StartFailedException failure = new StartFailedException(message.toString(), null);
        details.forEach(failure::addSuppressed);
        return failure;
    }

    @Override
    public boolean isReady() {
        if (state.get() == State.STARTING && !isStopping()) {
            observeReadiness();
        }
        return state.get() == State.READY;
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
    public State state() {
        return state.get();
    }

    @Override
    public String snapshot() {
        StringBuilder out = new StringBuilder("group '" + name() + "' is " + state.get());
        StopCause cause = stopCause;
        if (cause != null) {
            out.append(" (").append(cause.getMessage()).append(')');
        }
        out.append("; handles: ").append(handles.describe());
        String waits = handles.describeWaits();
        if (!waits.isEmpty()) {
            out.append("; waiting for handles: ").append(waits);
        }
        for (ActorCell cell : cells) {
            out.append(System.lineSeparator()).append("  ").append(cell.describeNow());
            Thread t = cell.thread;
            if (t != null && t.isAlive() && !cell.runState().ended()) {
                ThreadSnapshot s = ThreadSnapshot.of(t);
                out.append(": ").append(s.describeState()).append(" at ").append(s.where());
                for (StackTraceElement f : s.stack()) {
                    out.append(System.lineSeparator()).append("      at ").append(f);
                }
            }
        }
        return out.toString();
    }

    @Override
    public Handles handles() {
        return handles;
    }

    @Override
    public void stop(String reason) {
        if (triggerStop(StopCause.requested(reason == null || reason.isBlank() ? "by its owner" : reason))) {
            startHelper("stopper", delivery::deliverHere);
        }
    }

    @Override
    public void signal(String signal) {
        signals.deliver(signal);
    }

    @Override
    public Optional<StopCause> stopCause() {
        return Optional.ofNullable(stopCause);
    }

    @Override
    public Optional<StopReport> report() {
        return Optional.ofNullable(report);
    }

    /** A self-wait is refused, never waited out. (A scan, not a thread-local: an actor's thread allocates nothing of ours.) */
    private void refuseSelfWait(String call) {
        Thread me = Thread.currentThread();
        boolean own = false;
        for (ActorCell cell : cells) {
            own |= cell.thread == me;
        }
        if (own) {
            throw new IllegalStateException(call + " called from actor thread '" + Thread.currentThread().getName()
                    + "' of group '" + name() + "' would wait for its own actor to return: call stop(reason) and return"
                    + " from run() instead");
        }
    }

    @Override
    public Optional<StopReport> awaitTermination(Duration timeout) throws InterruptedException {
        Durations.requirePositive(timeout, "timeout");
        refuseSelfWait("awaitTermination()");
        return terminated.await(Durations.nanos(timeout), TimeUnit.NANOSECONDS) ? Optional.of(report) : Optional.empty();
    }

    @Override
    public StopReport stopAndAwait(String reason) throws InterruptedException {
        refuseSelfWait("stopAndAwait()");
        stop(reason);
        terminated.await();
        return report;
    }

    @Override
    public void close() throws InterruptedException {
        refuseSelfWait("close()");
        StopReport done = stopAndAwait("closed");
        if (!done.clean()) {
            throw done.failure().orElseThrow();
        }
    }

    @Override
    public CompletionStage<StopReport> termination() {
        CompletableFuture<StopReport> stage = new CompletableFuture<>();
        synchronized (terminationStages) {
            if (report == null) {
                terminationStages.add(stage);
                return stage.minimalCompletionStage();
            }
        }
        stage.complete(report);
        return stage.minimalCompletionStage();
    }

    @Override
    public String toString() {
        StopCause cause = stopCause;
        return "RunningGroup[" + name() + ", " + state.get() + (cause != null ? ", " + cause.getMessage() : "") + "]";
    }

    /** An actor instance compared by identity, whatever its {@code equals}. */
    private static final class IdentityKey {
        private final Object value;

        IdentityKey(Object value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey && ((IdentityKey) o).value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }
}
