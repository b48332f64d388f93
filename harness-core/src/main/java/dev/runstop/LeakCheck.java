package dev.runstop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The thread leak check of one group: after every actor is done, threads still alive in an actor's
 * thread group (other than the actor's own thread) are waited for up to the linger, each by joining it,
 * so a linger costs nothing when threads end at once; those still alive then are leaked by that actor.
 */
final class LeakCheck {
    private final String group;
    private final Predicate<Thread> ignored;
    private final long lingerNanos;

    LeakCheck(String group, Predicate<Thread> ignored, long lingerNanos) {
        this.group = group;
        this.ignored = ignored;
        this.lingerNanos = lingerNanos;
    }

    /**
     * @param root the group's thread group
     * @param cells the actors, with their thread groups
     * @param own the actors' own threads, never counted
     * @return the leaked threads per actor
     */
    Map<ActorCell, List<ThreadSnapshot>> check(ThreadGroup root, ActorCell[] cells, Set<Thread> own) {
        long until = System.nanoTime() + lingerNanos;
        boolean interrupted = false;
        Map<ActorCell, List<ThreadSnapshot>> leaks = new LinkedHashMap<>();
        for (Thread t : Threads.liveThreads(root)) {
            if (own.contains(t) || isIgnored(t)) {
                continue;
            }
            long left = until - System.nanoTime();
            if (left > 0 && !interrupted) {
                try {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                } catch (InterruptedException e) {
                    interrupted = true; // stop lingering, but still check every thread
                }
            }
            if (t.isAlive()) {
                for (ActorCell c : cells) {
                    if (Threads.isIn(t, c.threadGroup)) {
                        leaks.computeIfAbsent(c, x -> new ArrayList<>()).add(ThreadSnapshot.of(t));
                        break;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return leaks;
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
