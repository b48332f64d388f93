package dev.runstop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open sessions of one actor: opened lock-free, refused once the group stops, drained by
 * {@link ActorContext#awaitSessionsClosed}, and reported as cut off at the actor's stop deadline.
 */
final class SessionSet {
    private final ActorCell cell;
    /** Created on the first session; null until then. */
    private volatile Set<OpenSession> open;
    private final AtomicInteger drainWaiters = new AtomicInteger();
    /** Drain waiters wait on this monitor; closers notify it when there are waiters. */
    private final Object drainMonitor = new Object();
    private volatile List<SessionReport> cutOff = List.of();

    SessionSet(ActorCell cell) {
        this.cell = cell;
    }

    Session open(String label) {
        if (label == null) {
            throw new IllegalArgumentException("session label must not be null (actor '" + cell.name + "')");
        }
        if (cell.runtime.isStopping()) {
            throw refused(label);
        }
        Set<OpenSession> set = open;
        if (set == null) {
            synchronized (this) {
                set = open;
                if (set == null) {
                    open = set = ConcurrentHashMap.newKeySet();
                }
            }
        }
        OpenSession session = new OpenSession(label, cell.runtime.sessionStacks ? new Throwable().getStackTrace() : null);
        set.add(session);
        if (cell.runtime.isStopping()) {
            set.remove(session);
            throw refused(label);
        }
        return session;
    }

    private SessionRefusedException refused(String label) {
        return new SessionRefusedException("actor '" + cell.name + "' of group '" + cell.runtime.name() + "' is stopping ("
                + cell.runtime.stopCause().map(Throwable::getMessage).orElse("stop requested") + "): new session '" + label + "' refused");
    }

    boolean isEmpty() {
        Set<OpenSession> set = open;
        return set == null || set.isEmpty();
    }

    int openCount() {
        Set<OpenSession> set = open;
        return set == null ? 0 : set.size();
    }

    List<String> openLabels() {
        Set<OpenSession> set = open;
        List<String> labels = new ArrayList<>();
        if (set != null) {
            for (OpenSession s : set) {
                labels.add(s.label + " (" + Durations.format(s.age()) + ")");
            }
        }
        return labels;
    }

    /** Waits until no session is open or {@code deadline} (nanoTime) passes. @return true if none is open */
    boolean awaitEmpty(long deadline) throws InterruptedException {
        drainWaiters.incrementAndGet();
        try {
            synchronized (drainMonitor) {
                while (!isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(drainMonitor, left);
                }
                return true;
            }
        } finally {
            drainWaiters.decrementAndGet();
        }
    }

    /** Records the sessions still open at the deadline as cut off. */
    void cutOff(long now) {
        Set<OpenSession> set = open;
        if (set != null && !set.isEmpty()) {
            List<SessionReport> reports = new ArrayList<>();
            for (OpenSession s : set) {
                reports.add(s.report(now));
            }
            cutOff = List.copyOf(reports);
        }
    }

    List<SessionReport> cutOffReports() {
        return cutOff;
    }

    private void closed(OpenSession session) {
        open.remove(session);
        if (drainWaiters.get() > 0) {
            synchronized (drainMonitor) {
                drainMonitor.notifyAll();
            }
        }
        cell.tryResolve();
    }

    /** An open piece of work of this actor. */
    private final class OpenSession implements Session {
        private final String label;
        private final long openedAt = System.nanoTime();
        private final String openedOn = Thread.currentThread().getName();
        private final StackTraceElement[] stack;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile long closedAt;

        OpenSession(String label, StackTraceElement[] stack) {
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
                closed(this);
            }
        }

        SessionReport report(long now) {
            return new SessionReport(cell.name, label, Duration.ofNanos(now - openedAt), openedOn,
                    stack == null ? null : Arrays.copyOfRange(stack, Math.min(2, stack.length), stack.length));
        }

        @Override
        public String toString() {
            return "session '" + label + "' of actor '" + cell.name + "'" + (closed.get() ? " (closed)" : "");
        }
    }
}
