package dev.runstop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the deadlocks among the threads stuck at a stop: actors' {@code run()} threads that straggled and
 * threads whose {@code stop()} call hung, each waiting on a lock (a monitor or a {@code ReentrantLock})
 * that another of them holds, round in a cycle. It follows the owner chain from one stuck thread to the
 * next, checked again against the threads as they are now, since the stuck threads were seen at different
 * deadlines; a cycle still there then is a deadlock for good.
 */
final class Deadlocks {
    private Deadlocks() {
    }

    /** One stuck thread: the actor, which of its calls ({@code run()} or {@code stop()}) and where. */
    record Member(String actor, String call, ThreadSnapshot thread) {
    }

    /**
     * @param actors the actors' reports
     * @return each deadlock, its members in the order of the owner chain from the first actor in report order;
     *     empty if there is none
     */
    static List<List<Member>> find(List<ActorReport> actors) {
        Map<Long, Member> byThread = new LinkedHashMap<>();
        for (ActorReport a : actors) {
            a.stuck().ifPresent(s -> byThread.putIfAbsent(s.threadId(), new Member(a.name(), "run()", s)));
            a.stopError().filter(e -> e instanceof StopHungException).map(e -> ((StopHungException) e).caller())
                    .ifPresent(s -> byThread.putIfAbsent(s.threadId(), new Member(a.name(), "stop()", s)));
        }
        if (byThread.size() < 2) {
            return List.of();
        }
        Map<Long, Long> owner = owners(byThread);
        List<List<Member>> found = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        for (Long start : byThread.keySet()) {
            if (placed.contains(start)) {
                continue;
            }
            List<Long> chain = new ArrayList<>();
            Long at = start;
            while (at != null && byThread.containsKey(at) && !chain.contains(at)) {
                chain.add(at);
                at = owner.get(at);
            }
            if (at != null && chain.contains(at) && !placed.contains(at)) {
                List<Long> cycle = chain.subList(chain.indexOf(at), chain.size());
                placed.addAll(cycle);
                found.add(cycle.stream().map(byThread::get).toList());
            }
        }
        return found;
    }

    /**
     * Who owns the lock each stuck thread waits on, as the threads are now when the JVM can tell (a thread
     * that moved on since its snapshot waits on nothing, so no false cycle), else as their snapshots say.
     */
    private static Map<Long, Long> owners(Map<Long, Member> byThread) {
        Map<Long, Long> owner = new HashMap<>();
        Map<Long, ThreadInfo> now = new HashMap<>();
        try {
            long[] ids = byThread.keySet().stream().mapToLong(Long::longValue).toArray();
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().getThreadInfo(ids, 0)) {
                if (info != null) {
                    now.put(info.getThreadId(), info);
                }
            }
        } catch (RuntimeException | LinkageError unavailable) {
            now.clear();
        }
        for (Map.Entry<Long, Member> e : byThread.entrySet()) {
            ThreadSnapshot seen = e.getValue().thread();
            ThreadInfo info = now.get(e.getKey());
            if (info != null && (info.getLockName() == null || !info.getLockName().equals(seen.lock()))) {
                continue; // it waits on another lock now, or on none: not the cycle its snapshot showed
            }
            long id = info != null ? info.getLockOwnerId() : seen.lockOwnerId();
            if (id >= 0) {
                owner.put(e.getKey(), id);
            }
        }
        return owner;
    }
}
