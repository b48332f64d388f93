package dev.runstop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The process leak check: child processes still alive after a group stopped.
 *
 * <p>A group opens a {@link Window} when it starts and closes it at the end of its stop. Closing finds:
 * <ol>
 *   <li>processes started through {@link Actors#process} by an actor of the group (and descendants that
 *       survived its kill) that are still alive: always attributed to that actor;</li>
 *   <li>other live direct children of this JVM started while the window was open. With
 *       {@link ProcessStarts} recording, the thread that started each one decides: an actor's own thread,
 *       or a thread in the actor's thread group ({@code <group>/<actor>}) when no other group of the same
 *       name ran at that time, blames that actor; a thread of anyone else means the process is not this
 *       group's and it is left out. Without a recorded start the process is <em>unattributed</em>: listed,
 *       never blamed, never making the stop unclean, since in a parallel suite it may be another test's.</li>
 * </ol>
 * The second search lists every process on the machine (about a millisecond), so it runs only when the
 * JVM may have a child no adapter knows of: when a JDK "process reaper" thread is waiting for more
 * children than the adapters have alive.
 */
final class ProcessLeakCheck {
    /** Clock slack when comparing a process's start time (whole seconds of boot time on Linux) with a window. */
    private static final Duration START_SLACK = Duration.ofMillis(1500);
    private static final int RECENT = 256;

    /** Open windows and the most recently closed ones, for "another group of the same name ran then". */
    private static final Set<Window> OPEN = ConcurrentHashMap.newKeySet();
    /** Guarded by itself. */
    private static final Deque<Window> CLOSED = new ArrayDeque<>();
    private static volatile boolean propertyRead;

    private ProcessLeakCheck() {
    }

    /** Opens a window for a group that is starting now. */
    static Window open(String group) {
        if (!propertyRead) {
            propertyRead = true;
            ProcessStarts.recordIfAsked();
        }
        Window w = new Window(group, Instant.now());
        OPEN.add(w);
        return w;
    }

    /** What a closed window found: per actor its leaked processes and its process outcome, and the unattributed. */
    record Result(Map<String, List<LeakedProcess>> leaked, List<LeakedProcess> unattributed, Map<String, ProcessOutcome> outcomes) {
        static final Result NONE = new Result(Map.of(), List.of(), Map.of());

        List<LeakedProcess> of(String actor) {
            return leaked.getOrDefault(actor, List.of());
        }

        ProcessOutcome outcome(String actor) {
            return outcomes.get(actor);
        }
    }

    /** The time a group ran, with the processes its actors started through the adapter. */
    static final class Window {
        final String group;
        final Instant openedAt;
        private volatile Instant closedAt;
        private final Map<ProcessHandle, String> started = new ConcurrentHashMap<>();
        private final Map<String, ProcessOutcome> outcomes = new ConcurrentHashMap<>();

        private Window(String group, Instant openedAt) {
            this.group = group;
            this.openedAt = openedAt;
        }

        /** An adapter of actor {@code actor} started (or could not kill) this process. */
        void started(String actor, ProcessHandle process) {
            started.put(process, actor);
        }

        void outcome(String actor, ProcessOutcome outcome) {
            outcomes.put(actor, outcome);
        }

        private boolean overlaps(Instant at) {
            Instant end = closedAt;
            return !at.isBefore(openedAt) && (end == null || !at.isAfter(end));
        }

        /**
         * Runs the check; call once, after every actor is resolved and before the report is made.
         *
         * @param actorThreadGroups each actor's thread group (null values when threads are not tracked)
         * @param actorThreads each actor's own thread
         * @param linger how long a process may take to end after the stop before it counts
         * @return what was found
         */
        Result close(Map<String, ThreadGroup> actorThreadGroups, Map<String, Thread> actorThreads, Duration linger) {
            closedAt = Instant.now();
            OPEN.remove(this);
            synchronized (CLOSED) {
                CLOSED.addLast(this);
                while (CLOSED.size() > RECENT) {
                    CLOSED.removeFirst();
                }
            }
            long until = System.nanoTime() + linger.toNanos();
            Map<String, List<LeakedProcess>> leaked = new LinkedHashMap<>();
            for (Map.Entry<ProcessHandle, String> e : started.entrySet()) {
                ProcessHandle h = e.getKey();
                if (awaitGone(h, until)) {
                    ChildProcesses.unregister(h);
                } else {
                    leaked.computeIfAbsent(e.getValue(), a -> new ArrayList<>()).add(new LeakedProcess(h.pid(),
                            ProcessTree.commandOf(h), e.getValue(), "started by Actors.process, alive after its stop"));
                }
            }
            List<LeakedProcess> unattributed = new ArrayList<>();
            if (mayHaveUnknownChildren()) {
                findUnknownChildren(actorThreadGroups, actorThreads, until, leaked, unattributed);
            }
            if (leaked.isEmpty() && unattributed.isEmpty() && outcomes.isEmpty()) {
                return Result.NONE;
            }
            return new Result(leaked, List.copyOf(unattributed), Map.copyOf(outcomes));
        }

        private void findUnknownChildren(Map<String, ThreadGroup> actorThreadGroups, Map<String, Thread> actorThreads, long until,
                Map<String, List<LeakedProcess>> leaked, List<LeakedProcess> unattributed) {
            Instant from = openedAt.minus(START_SLACK);
            List<ProcessHandle> candidates = new ArrayList<>();
            ProcessHandle.current().children().forEach(h -> {
                if (ChildProcesses.isRegistered(h) || started.containsKey(h)) {
                    return;
                }
                Optional<Instant> start = h.info().startInstant();
                if (start.isEmpty() || !start.get().isBefore(from)) {
                    candidates.add(h);
                }
            });
            List<ProcessHandle> alive = new ArrayList<>();
            for (ProcessHandle h : candidates) {
                if (!awaitGone(h, until)) {
                    alive.add(h);
                }
            }
            if (alive.isEmpty()) {
                return;
            }
            Set<Long> pids = new HashSet<>();
            alive.forEach(h -> pids.add(h.pid()));
            Map<Long, ProcessStarts.Start> starts = ProcessStarts.lookup(pids);
            boolean recording = ProcessStarts.isRecording();
            Map<Long, String> threadOwners = new LinkedHashMap<>();
            actorThreads.forEach((actor, t) -> {
                if (t != null) {
                    threadOwners.put(t.getId(), actor);
                }
            });
            for (ProcessHandle h : alive) {
                String command = ProcessTree.commandOf(h);
                ProcessStarts.Start s = starts.get(h.pid());
                if (s == null) {
                    unattributed.add(new LeakedProcess(h.pid(), command, null, recording
                            ? "started while group '" + group + "' ran, but its start was not recorded"
                            : "started while group '" + group + "' ran; which thread started it is known only with ProcessStarts.record()"));
                    continue;
                }
                if (s.at().isBefore(openedAt)) {
                    continue; // started before this group: not its process
                }
                String by = "started on thread '" + s.threadName() + "'" + (s.frame() == null ? "" : " at " + s.frame());
                String actor = threadOwners.get(s.threadId());
                if (actor == null && s.threadGroup() != null && s.threadGroup().startsWith(group + "/")) {
                    String named = s.threadGroup().substring(group.length() + 1);
                    if (actorThreadGroups.containsKey(named)) {
                        if (sameNameRanAt(s.at())) {
                            unattributed.add(new LeakedProcess(h.pid(), command, null, by + ", in thread group '" + s.threadGroup()
                                    + "', but another group named '" + group + "' ran at the same time"));
                            continue;
                        }
                        actor = named;
                    }
                }
                if (actor != null) {
                    leaked.computeIfAbsent(actor, a -> new ArrayList<>()).add(new LeakedProcess(h.pid(), command, actor, by));
                }
                // else: started by a thread of someone else (another group, the test itself): not this group's
            }
        }

        private boolean sameNameRanAt(Instant at) {
            for (Window w : OPEN) {
                if (w != this && w.group.equals(group) && w.overlaps(at)) {
                    return true;
                }
            }
            synchronized (CLOSED) {
                for (Window w : CLOSED) {
                    if (w != this && w.group.equals(group) && w.overlaps(at)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Waits until the process is gone or the deadline (a nanoTime) passes. @return true if gone */
    private static boolean awaitGone(ProcessHandle h, long until) {
        long pause = 200_000;
        while (ProcessTree.isRunning(h)) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, pause));
            pause = Math.min(pause * 2, 20_000_000);
        }
        return true;
    }

    /**
     * @return whether this JVM may have a child process that no adapter knows of: the JDK waits for each
     *     child it started on a "process reaper" thread, so more waiting reapers than live adapter
     *     children means there is one (or one that just ended)
     */
    static boolean mayHaveUnknownChildren() {
        ThreadGroup top = Threads.top(Thread.currentThread().getThreadGroup());
        // the JDK's reaper threads are in the top thread group (Java 17) or in a subgroup of it (later)
        int waiting = 0;
        for (Thread t : Threads.liveThreads(top)) {
            if (t.getName().startsWith("process reaper") && waitsForAProcess(t)) {
                waiting++;
            }
        }
        if (waiting == 0) {
            return false;
        }
        int known = 0;
        ProcessHandle self = ProcessHandle.current();
        for (ChildProcesses.Entry e : ChildProcesses.entries()) {
            if (ProcessTree.isRunning(e.handle()) && e.handle().parent().map(self::equals).orElse(false)) {
                known++;
            }
        }
        return waiting > known;
    }

    /**
     * Whether a reaper thread serves a child: it waits for one ({@code waitForProcessExit}, named
     * {@code process reaper (pid N)} while it does), or it was just handed one and is not yet waiting. A
     * reaper is handed its child before {@code Process.start()} returns, so only an idle reaper (parked
     * in its pool, waiting for work) serves none.
     */
    private static boolean waitsForAProcess(Thread t) {
        if (t.getName().startsWith("process reaper (pid ")) {
            return true;
        }
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getMethodName().startsWith("waitForProcessExit")) {
                return true;
            }
            if (f.getMethodName().equals("getTask") && f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")) {
                return false; // idle in the reaper pool
            }
        }
        return true; // running its task, not waiting yet
    }
}
