package dev.runstop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread per JVM that keeps every stopping group's deadlines and watches its stop delivery.
 * It never runs user code and never blocks on a group: each look ({@link GroupRuntime#watch(long)}) says
 * when the group wants the next one. It belongs to the JVM's top thread group, so no app's leak check ever
 * sees it.
 *
 * <p>No wake-up can be missed: a group asks for its next look before it returns from the previous one,
 * and every deadline a look cannot yet see (a stop not yet delivered) lies at least the shortest stop
 * deadline of the undelivered actors ahead, which bounds the look after next.
 */
final class Watchdog implements Runnable {
    static final Watchdog INSTANCE = new Watchdog();

    private final Set<GroupRuntime> groups = ConcurrentHashMap.newKeySet();
    /** Started once; guarded by this. */
    private Thread thread;

    private Watchdog() {
    }

    /** Starts watching a stopping group; it is dropped once it says it is done. */
    void watch(GroupRuntime group) {
        groups.add(group);
        LockSupport.unpark(thread());
    }

    /** Makes the watchdog look at every group now. */
    void poke() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private synchronized Thread thread() {
        if (thread == null) {
            ThreadGroup top = Thread.currentThread().getThreadGroup();
            while (top.getParent() != null) {
                top = top.getParent();
            }
            Thread t = new Thread(top, this, "runstop-watchdog");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    @Override
    public void run() {
        while (true) {
            long now = System.nanoTime();
            long next = now + 60_000_000_000L;
            for (GroupRuntime group : groups) {
                long wake;
                try {
                    wake = group.watch(now);
                } catch (Throwable t) { // never let one group end the watch of the others
                    System.getLogger(Group.class.getName()).log(System.Logger.Level.ERROR,
                            "watchdog: group '" + group.name() + "' failed its look", t);
                    wake = now + StopDelivery.STALL_NANOS;
                }
                if (wake == Long.MIN_VALUE) {
                    groups.remove(group);
                } else if (wake - next < 0) {
                    next = wake;
                }
            }
            long left = next - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
            }
            Thread.interrupted();
        }
    }
}
