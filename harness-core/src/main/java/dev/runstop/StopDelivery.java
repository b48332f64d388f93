package dev.runstop;

import dev.runstop.internal.Uninterruptibles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers a stopping group's stops: dependents before what they depend on, everything else at once.
 *
 * <p>Who delivers: the thread that ended the group (an actor thread returning, the caller of
 * {@code Group.run()}, or the one stopper thread an external stop starts), every actor thread as it
 * returns, and, from the {@link Watchdog}, one more thread whenever delivery stands still for
 * {@link #STALL_NANOS} while stops are waiting: a slow {@code stop} never holds up the others.
 *
 * <p>Order: a publisher's stop is delivered once every actor that depends on it is
 * {@linkplain ActorCell#done() done} (returned, or past its own deadline). Members of a dependency cycle
 * ignore each other. With {@linkplain dev.runstop.internal.LifecycleHooks hooks}, one thread delivers, in
 * the hooks' order, taking the first stop in that order that is not held.
 */
final class StopDelivery {
    /** How long delivery may stand still before another thread joins in. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final GroupRuntime runtime;
    private final ActorCell[] order;
    private final boolean serial;
    private final Map<String, Long> delayNanos;
    private final long takeOverNanos;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong progressAt = new AtomicLong();
    /** Serial mode: whether a deliverer is at work, and its generation (a take-over starts a new one). */
    private final java.util.concurrent.atomic.AtomicBoolean serialBusy = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicInteger serialGeneration = new AtomicInteger();
    private volatile StopCause cause;

    // plain mode (no dependency when the stop began): the next index of order to deliver
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean plain = true;

    // dependency mode: guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final List<ActorCell> pending = new LinkedList<>();
    private Map<ActorCell, Integer> cycleOf = Map.of();
    private List<List<String>> cycles = List.of();

    StopDelivery(GroupRuntime runtime, ActorCell[] order, boolean serial, Map<String, Long> delayNanos, long longestDeadlineNanos) {
        this.runtime = runtime;
        this.order = order;
        this.serial = serial;
        this.delayNanos = delayNanos;
        this.takeOverNanos = Math.max(STALL_NANOS, longestDeadlineNanos);
    }

    /** Called once, when the group starts stopping, before anyone delivers. */
    void begin(StopCause cause) {
        this.cause = cause;
        progressAt.set(System.nanoTime());
        boolean anyEdge = false;
        for (ActorCell c : order) {
            if (!c.dependents().isEmpty()) {
                anyEdge = true;
                break;
            }
        }
        if (anyEdge || serial) {
            lock.lock();
            try {
                pending.addAll(Arrays.asList(order));
                computeCycles();
                plain = false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The dependency cycles found when the stop began (or as edges appeared), by actor name. */
    List<List<String>> cycles() {
        lock.lock();
        try {
            return cycles;
        } finally {
            lock.unlock();
        }
    }

    /** A new edge appeared while stopping: cycles may have changed. */
    void edgeAdded() {
        if (!plain) {
            lock.lock();
            try {
                computeCycles();
            } finally {
                lock.unlock();
            }
        }
    }

    private void computeCycles() {
        Map<ActorCell, Integer> found = Dependencies.cycles(order);
        cycleOf = found;
        Map<Integer, List<String>> byId = new java.util.TreeMap<>();
        for (ActorCell c : order) {
            Integer id = found.get(c);
            if (id != null) {
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(c.name);
            }
        }
        cycles = List.copyOf(byId.values().stream().map(List::copyOf).toList());
    }

    /** Delivers stops on the calling thread until none is deliverable now. */
    void deliverHere() {
        if (cause == null) {
            return;
        }
        if (serial) {
            if (serialBusy.compareAndSet(false, true)) {
                deliverSerially(serialGeneration.get());
            }
            return;
        }
        active.incrementAndGet();
        try {
            ActorCell cell;
            while ((cell = take()) != null) {
                deliver(cell);
            }
        } finally {
            active.decrementAndGet();
        }
    }

    /** The serial deliverer of one generation; the caller set {@link #serialBusy}. */
    private void deliverSerially(int generation) {
        active.incrementAndGet();
        try {
            while (serialGeneration.get() == generation) {
                ActorCell cell = takeSerial();
                if (cell == null) {
                    return;
                }
                Long delay = delayNanos.get(cell.name);
                if (delay != null && delay > 0) {
                    Uninterruptibles.parkFor(delay);
                }
                runtime.settings.hooks().beforeStop(cell.name);
                if (heldMeanwhile(cell)) {
                    continue; // a dependent looked it up while the hooks held the delivery: it waits for that one now
                }
                deliver(cell);
            }
        } finally {
            active.decrementAndGet();
            if (serialGeneration.get() == generation) {
                serialBusy.set(false);
            }
        }
    }

    private void deliver(ActorCell cell) {
        if (!cell.advance(ActorCell.Stop.PENDING, ActorCell.Stop.DELIVERING)) {
            return;
        }
        progressAt.set(System.nanoTime());
        cell.deliverStop(cause);
        progressAt.set(System.nanoTime());
    }

    /** @return the next stop to deliver now, or null if none is (all delivered, or the rest held) */
    private ActorCell take() {
        if (plain) {
            int i = next.getAndIncrement();
            return i < order.length ? order[i] : null;
        }
        lock.lock();
        try {
            return firstDeliverable();
        } finally {
            lock.unlock();
        }
    }

    /** Serial: the first stop in order that is not held; waits while only held ones are left. */
    private ActorCell takeSerial() {
        lock.lock();
        try {
            while (true) {
                ActorCell cell = firstDeliverable();
                if (cell != null || pending.isEmpty()) {
                    return cell;
                }
                try {
                    released.awaitNanos(TimeUnit.MILLISECONDS.toNanos(50));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // guarded by lock
    private ActorCell firstDeliverable() {
        for (var it = pending.iterator(); it.hasNext(); ) {
            ActorCell cell = it.next();
            List<String> waitingFor = runningDependents(cell);
            if (waitingFor.isEmpty()) {
                it.remove();
                return cell;
            }
            if (cell.heldFor.isEmpty()) {
                cell.heldFor = waitingFor;
                cell.mark(LifecycleEvent.STOP_HELD);
            }
        }
        return null;
    }

    /** @return true, and the cell back first in line, if it got a running dependent after it was taken */
    private boolean heldMeanwhile(ActorCell cell) {
        lock.lock();
        try {
            if (runningDependents(cell).isEmpty()) {
                return false;
            }
            pending.add(0, cell);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // guarded by lock
    private List<String> runningDependents(ActorCell cell) {
        List<String> running = List.of();
        Integer cycle = cycleOf.get(cell);
        for (ActorCell d : cell.dependents()) {
            if (!d.done() && (cycle == null || !cycle.equals(cycleOf.get(d)))) {
                if (running.isEmpty()) {
                    running = new ArrayList<>(2);
                }
                running.add(d.name);
            }
        }
        return running;
    }

    /** A cell's run ended or passed its deadline: stops held for it may now go. */
    void onDone(ActorCell cell) {
        if (!plain && !cell.publishers().isEmpty()) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return true if some stop could be delivered now */
    private boolean workWaiting() {
        if (cause == null) {
            return false;
        }
        if (plain) {
            return next.get() < order.length;
        }
        lock.lock();
        try {
            for (ActorCell cell : pending) {
                if (runningDependents(cell).isEmpty()) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The watchdog's look: starts a deliverer if stops wait and nobody delivers, or delivery stood still
     * too long. Never blocks on user code.
     *
     * @return when to look again (nanoTime), or {@link Long#MAX_VALUE} for "only when something changes"
     */
    long check(long now, boolean released) {
        if (cause == null || !workWaiting()) {
            return Long.MAX_VALUE;
        }
        long stalledFor = now - progressAt.get();
        boolean idle = active.get() == 0;
        // whoever began the stop delivers (an actor thread, the stopper, the caller of run()): help only
        // after a stall, or at once when a deadline released stops and nobody is there to deliver them
        if (serial) {
            if (idle && (released || stalledFor > STALL_NANOS) || stalledFor > takeOverNanos) {
                spawn(true);
            }
            return now + STALL_NANOS;
        }
        if (idle && released || stalledFor > STALL_NANOS) {
            spawn(false);
        }
        return now + STALL_NANOS;
    }

    private void spawn(boolean serialTakeOver) {
        progressAt.set(System.nanoTime());
        if (serialTakeOver) {
            int generation = serialGeneration.incrementAndGet(); // a stuck deliverer stops when its stop() returns
            serialBusy.set(true);
            runtime.startHelper("stop-delivery", () -> deliverSerially(generation));
        } else {
            runtime.startHelper("stop-delivery", this::deliverHere);
        }
    }
}
