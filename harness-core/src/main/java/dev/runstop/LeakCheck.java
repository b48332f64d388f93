package dev.runstop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The thread leak check of one group, run after every actor is done. It looks at every live platform
 * thread of the JVM and keeps those the group made (see {@link LeakScope#ownerOf}): threads in an actor's
 * thread group or the factory's, and threads created from them wherever they went (found by their
 * {@link CreatorTag}). Threads that are JVM-wide by design ({@link SharedThreads}), or that the evidence
 * does not pin on one owner, are <em>shared</em>: listed, never blamed. Busy common-pool workers that run
 * an actor's code are that actor's. The rest are suspects: each is waited for up to the linger by joining
 * it (common-pool work by watching it), so a linger costs nothing when threads end at once and a stop
 * with no suspect does not wait at all; those still alive then are leaked.
 */
final class LeakCheck {
    private static final long POOL_POLL_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String group;
    private final Predicate<Thread> ignored;
    private final Predicate<Thread> shared;
    private final long lingerNanos;
    private final boolean origins;

    /** What the check found. */
    record Result(Map<ActorCell, List<ThreadSnapshot>> leaks, List<ThreadSnapshot> factoryLeaks, List<ThreadSnapshot> shared) {
        static final Result NONE = new Result(Map.of(), List.of(), List.of());
    }

    private record Suspect(Thread thread, LeakScope.Owner owner, String poolCode, StackTraceElement poolFrame) {
    }

    LeakCheck(String group, Predicate<Thread> ignored, Predicate<Thread> shared, long lingerNanos, boolean origins) {
        this.group = group;
        this.ignored = ignored;
        this.shared = shared;
        this.lingerNanos = lingerNanos;
        this.origins = origins;
    }

    /**
     * @param scope what the group knows of its threads
     * @param cells the actors, with their thread groups
     * @param own the actors' own threads, never counted
     * @return the leaked threads per actor and of the factory, and the shared threads
     */
    Result check(LeakScope scope, ActorCell[] cells, Set<Thread> own) {
        long until = System.nanoTime() + lingerNanos;
        List<Suspect> suspects = new ArrayList<>();
        List<ThreadSnapshot> sharedFound = new ArrayList<>();
        boolean poolBusy = ForkJoinPool.commonPool().getActiveThreadCount() > 0;
        Thread self = Thread.currentThread();
        Thread[] all = Threads.liveThreads(scope.root);
        for (Thread t : all) {
            if (t == self || own.contains(t)) {
                continue;
            }
            if (isCommonPoolWorker(t)) {
                if (poolBusy && !isIgnored(t)) {
                    commonPoolWork(scope, cells, t, suspects, sharedFound);
                }
                continue;
            }
            Object owner = scope.ownerOf(t, cells);
            if (owner == null || isIgnored(t)) {
                continue;
            }
            String why = owner instanceof LeakScope.Ambiguous ? ((LeakScope.Ambiguous) owner).why()
                    : SharedThreads.reason(t, shared, group);
            if (why != null) {
                sharedFound.add(ThreadSnapshot.of(t).withNote("shared: " + why));
                continue;
            }
            suspects.add(new Suspect(t, (LeakScope.Owner) owner, null, null));
        }
        boolean interrupted = linger(suspects, until);
        Map<ActorCell, List<ThreadSnapshot>> leaks = new LinkedHashMap<>();
        List<ThreadSnapshot> factoryLeaks = new ArrayList<>();
        for (Suspect s : suspects) {
            if (!stillThere(s)) {
                continue;
            }
            ThreadSnapshot snap = ThreadSnapshot.of(s.thread());
            if (s.poolCode() != null) {
                snap = snap.withNote("common-pool work of this actor, running " + ThreadSnapshot.brief(s.poolFrame()));
            } else {
                snap = snap.withOrigin(origins ? ThreadOrigins.of(s.thread()) : List.of(), origins && ThreadOrigins.isRecording());
            }
            if (s.owner().isFactory()) {
                factoryLeaks.add(snap);
            } else {
                leaks.computeIfAbsent(s.owner().cell(), x -> new ArrayList<>()).add(snap);
            }
        }
        if (VirtualThreadCheck.AVAILABLE && scope.virtualFlag.virtualStarted && !interrupted) {
            virtualThreads(scope, cells, all, until, leaks, sharedFound);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Result(leaks, factoryLeaks, sharedFound);
    }

    /** A busy common-pool worker running an actor's code: a suspect of that actor, or shared if two groups could claim it. */
    private void commonPoolWork(LeakScope scope, ActorCell[] cells, Thread t, List<Suspect> suspects, List<ThreadSnapshot> sharedFound) {
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || ThreadSnapshot.isRuntimeFrame(c)) {
                continue;
            }
            String host = ActorCode.topLevel(c);
            Object owner = scope.ownerOfCode(host, cells);
            if (owner instanceof LeakScope.Owner) {
                suspects.add(new Suspect(t, (LeakScope.Owner) owner, host, f));
                return;
            }
            if (owner instanceof LeakScope.Ambiguous) {
                sharedFound.add(ThreadSnapshot.of(t).withNote("shared: " + ((LeakScope.Ambiguous) owner).why()));
                return;
            }
        }
    }

    /**
     * Live virtual threads running the code of one of the group's actors, from a thread dump: taken once,
     * and if one is found before the linger is over, again at its end (a virtual thread cannot be joined).
     */
    private void virtualThreads(LeakScope scope, ActorCell[] cells, Thread[] platform, long until,
            Map<ActorCell, List<ThreadSnapshot>> leaks, List<ThreadSnapshot> sharedFound) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Thread t : platform) {
            @SuppressWarnings("deprecation")
            long id = t.getId();
            ids.add(id);
        }
        Map<Long, Object[]> found = classify(scope, cells, VirtualThreadCheck.liveVirtualThreads(ids));
        if (found.isEmpty()) {
            return;
        }
        if (until - System.nanoTime() > 0) {
            while (until - System.nanoTime() > 0) {
                LockSupport.parkNanos(until - System.nanoTime());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            java.util.Set<Long> still = new java.util.HashSet<>();
            for (VirtualThreadCheck.Found f : VirtualThreadCheck.liveVirtualThreads(ids)) {
                still.add(f.tid());
            }
            found.keySet().retainAll(still);
        }
        for (Object[] v : found.values()) {
            VirtualThreadCheck.Found f = (VirtualThreadCheck.Found) v[0];
            ThreadSnapshot snap = VirtualThreadCheck.snapshot(f);
            if (v[1] instanceof LeakScope.Ambiguous) {
                sharedFound.add(snap.withNote("shared: virtual thread, " + ((LeakScope.Ambiguous) v[1]).why()));
            } else {
                leaks.computeIfAbsent(((LeakScope.Owner) v[1]).cell(), x -> new ArrayList<>())
                        .add(snap.withNote("virtual thread running this actor's code at " + ThreadSnapshot.brief((StackTraceElement) v[2])));
            }
        }
    }

    private static Map<Long, Object[]> classify(LeakScope scope, ActorCell[] cells, List<VirtualThreadCheck.Found> threads) {
        Map<Long, Object[]> out = new LinkedHashMap<>();
        for (VirtualThreadCheck.Found f : threads) {
            for (StackTraceElement frame : f.stack()) {
                String c = frame.getClassName();
                if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || ThreadSnapshot.isRuntimeFrame(c)) {
                    continue;
                }
                Object owner = scope.ownerOfCode(ActorCode.topLevel(c), cells);
                if (owner != null) {
                    out.put(f.tid(), new Object[] {f, owner, frame});
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Waits for the suspects up to the deadline: joins threads; for common-pool work, which has no end to
     * wait on, looks again at growing intervals (up to 10 ms) until the worker no longer runs that code.
     *
     * @return true if interrupted meanwhile (the wait stops, every suspect is still checked)
     */
    private static boolean linger(List<Suspect> suspects, long until) {
        long poll = TimeUnit.MICROSECONDS.toNanos(200);
        for (Suspect s : suspects) {
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0 || !stillThere(s)) {
                    break;
                }
                if (s.poolCode() == null) {
                    try {
                        TimeUnit.NANOSECONDS.timedJoin(s.thread(), left);
                    } catch (InterruptedException e) {
                        return true;
                    }
                    break;
                }
                LockSupport.parkNanos(Math.min(left, poll));
                poll = Math.min(poll * 2, POOL_POLL_MAX_NANOS);
                if (Thread.interrupted()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean stillThere(Suspect s) {
        if (!s.thread().isAlive()) {
            return false;
        }
        if (s.poolCode() == null) {
            return true;
        }
        for (StackTraceElement f : s.thread().getStackTrace()) {
            if (ActorCode.topLevel(f.getClassName()).equals(s.poolCode())) {
                return true;
            }
        }
        return false;
    }

    static boolean isCommonPoolWorker(Thread t) {
        return t instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) t).getPool() == ForkJoinPool.commonPool();
    }

    /** The allow-list; one that throws must not hang the group: the thread then counts, and the error is logged. */
    private boolean isIgnored(Thread t) {
        try {
            return ignored.test(t);
        } catch (RuntimeException | Error e) {
            System.getLogger(Group.class.getName()).log(System.Logger.Level.WARNING, "the ignored-threads predicate of group '"
                    + group + "' threw for thread '" + t.getName() + "'; the thread is checked for leaks", e);
            return false;
        }
    }
}
