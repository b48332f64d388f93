package dev.runstop.stress;

import dev.runstop.internal.LifecycleHooks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link PctSchedule}: holds each app actor's thread at its decision points (before {@code run},
 * after ready, after each handle publication) and the stop at each of its own (the stop, each delivery),
 * and, each time the app is idle, lets the pending decision of the highest-priority thread go on. What the
 * app does between two decisions runs to idleness on its own; the order of the decisions is the schedule's,
 * not the machine's.
 */
final class PctDriver implements LifecycleHooks {
    /** A thread held at a decision point. */
    static final class Gate {
        final String thread;
        final String what;
        final Thread waiter;
        volatile boolean open;

        Gate(String thread, String what, Thread waiter) {
            this.thread = thread;
            this.what = what;
            this.waiter = waiter;
        }
    }

    private final PctSchedule schedule;
    private final String trigger;
    private final Set<String> app;
    /** Guarded by this. */
    private final List<Gate> pending = new ArrayList<>();
    /** Guarded by this: each thread's current priority. */
    private final Map<String, Integer> priority;
    /** Guarded by this: the app actors whose threads have reached their first decision point (entering run). */
    private final java.util.Set<String> arrived = new java.util.HashSet<>();
    /** Guarded by this: the decisions taken, in order, in words. */
    private final List<String> taken = new ArrayList<>();
    /** Guarded by this: what was pending at each decision, when debugging. */
    private final Map<Integer, String> seen = new HashMap<>();
    private volatile boolean finished;
    /** Guarded by this: the group has terminated. */
    private boolean ended;
    private int changesMade;

    PctDriver(PctSchedule schedule, String trigger) {
        this.schedule = schedule;
        this.trigger = trigger;
        this.app = Set.copyOf(schedule.actors());
        this.priority = new HashMap<>(schedule.priorities());
    }

    // ---- the hooks, on the runtime's threads ----

    @Override
    public List<String> startOrder(List<String> actors) {
        List<String> order = new ArrayList<>(schedule.startOrder());
        order.add(trigger);
        return order;
    }

    @Override
    public List<String> stopOrder(List<String> actors) {
        List<String> order = new ArrayList<>(schedule.stopOrder());
        order.add(trigger);
        return order;
    }

    @Override
    public void beforeStop(String actor) {
        if (app.contains(actor)) {
            hold(PctSchedule.STOP, "delivers stop to " + actor);
        }
    }

    @Override
    public boolean awaitTurnToRun(String actor) {
        if (app.contains(actor)) {
            hold(actor, "enters run");
        }
        return true; // the actors the stress adds go on at once
    }

    @Override
    public void afterReady(String actor) {
        if (app.contains(actor)) {
            hold(actor, "goes on after ready");
        }
    }

    @Override
    public void afterPublish(String actor, String handle) {
        if (app.contains(actor)) {
            hold(actor, "goes on after publishing '" + handle + "'");
        }
    }

    private void hold(String thread, String what) {
        if (finished) {
            return;
        }
        Gate gate = new Gate(thread, what, Thread.currentThread());
        synchronized (this) {
            pending.add(gate);
            if (app.contains(thread)) {
                arrived.add(thread);
            }
            notifyAll();
        }
        boolean interrupted = false;
        while (!gate.open && !finished) {
            LockSupport.parkNanos(this, 100_000_000L);
            if (Thread.interrupted()) {
                interrupted = true; // a stop by interrupt is kept for the actor's own code
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the driver, on the stress's thread ----

    /** @return true if a decision is pending now */
    synchronized boolean anyPending() {
        return !pending.isEmpty();
    }

    /**
     * @return true once every app actor's thread has reached its first decision point: before that, a thread
     *     still starting (inside the JVM, not yet at its gate) may look idle, and no decision is taken
     */
    synchronized boolean allArrived() {
        return arrived.size() == app.size();
    }

    /** Waits up to {@code nanos} for every app actor's thread to reach its first decision point. */
    synchronized void awaitAllArrived(long nanos) throws InterruptedException {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; arrived.size() < app.size() && !ended && left > 0; left = until - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** @return true if an app actor's decision is pending now (start-up is not over) */
    synchronized boolean appPending() {
        return pending.stream().anyMatch(g -> !g.thread.equals(PctSchedule.STOP));
    }

    /**
     * Takes the highest-priority decision among the pending ones and {@code stopPending} (the stop itself,
     * while it has not come): opens its gate, or returns {@link PctSchedule#STOP} for the stop.
     *
     * @return the thread whose decision was taken, or null if none was pending
     */
    synchronized String decide(boolean stopPending) {
        Gate best = null;
        int bestPriority = Integer.MIN_VALUE;
        for (Gate g : pending) {
            int p = priority.get(g.thread);
            if (p > bestPriority) {
                best = g;
                bestPriority = p;
            }
        }
        if (System.getProperty("runstop.stress.debug") != null) {
            seen.put(taken.size() + 1, "(pending: " + pending.stream().map(g -> g.thread + " " + g.what).toList()
                    + (stopPending ? " + stop" : "") + ")");
        }
        if (stopPending && priority.get(PctSchedule.STOP) > bestPriority) {
            record(PctSchedule.STOP, "comes");
            return PctSchedule.STOP;
        }
        if (best == null) {
            return null;
        }
        pending.remove(best);
        record(best.thread, best.what);
        best.open = true;
        LockSupport.unpark(best.waiter);
        return best.thread;
    }

    private void record(String thread, String what) {
        taken.add(thread + " " + what);
        int step = taken.size();
        int i = schedule.changePoints().indexOf(step);
        if (i >= 0) {
            priority.put(thread, schedule.depth() - 1 - i);
            changesMade++;
        }
    }

    /** Wakes {@link #awaitArrival}: the group has terminated. */
    synchronized void groupEnded() {
        ended = true;
        notifyAll();
    }

    /** Waits up to {@code nanos} for a thread to reach a decision point or the group to terminate. */
    synchronized void awaitArrival(long nanos) throws InterruptedException {
        if (pending.isEmpty() && !finished && !ended) {
            long ms = nanos / 1_000_000;
            wait(Math.max(1, ms), ms == 0 ? (int) Math.min(999_999, nanos) : 0);
        }
    }

    /** Opens every gate, now and later: the cycle is over. */
    void finish() {
        finished = true;
        synchronized (this) {
            for (Gate g : pending) {
                g.open = true;
                LockSupport.unpark(g.waiter);
            }
            pending.clear();
        }
    }

    /** @return the decisions taken so far */
    synchronized int decisions() {
        return taken.size();
    }

    /** @return the decisions taken, numbered, one a line */
    synchronized String trace() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < taken.size(); i++) {
            out.append(i == 0 ? "" : System.lineSeparator()).append(i + 1).append(". ").append(taken.get(i));
            if (schedule.changePoints().contains(i + 1)) {
                out.append(" (change point: its priority drops)");
            }
            if (seen.containsKey(i + 1)) {
                out.append(' ').append(seen.get(i + 1));
            }
        }
        return out.toString();
    }
}
