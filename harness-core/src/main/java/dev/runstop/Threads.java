package dev.runstop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Makes the threads of a group: platform threads in the group's thread groups, or virtual threads on Java 21+. */
final class Threads {
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle BUILDER_NAME;
    private static final MethodHandle BUILDER_UNSTARTED;
    private static final MethodHandle IS_VIRTUAL;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle unstarted = null;
        MethodHandle isVirtual = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
            isVirtual = lookup.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException | LinkageError before21) {
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_NAME = name;
        BUILDER_UNSTARTED = unstarted;
        IS_VIRTUAL = isVirtual;
    }

    private Threads() {
    }

    static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(thread);
        } catch (Throwable t) {
            return false;
        }
    }

    static Thread platform(ThreadGroup group, String name, Runnable body) {
        Thread thread = new Thread(group, body, name);
        thread.setDaemon(true);
        return thread;
    }

    static Thread virtual(String name, Runnable body) {
        try {
            Object builder = OF_VIRTUAL.invoke();
            builder = BUILDER_NAME.invoke(builder, name);
            return (Thread) BUILDER_UNSTARTED.invoke(builder, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a virtual thread", t);
        }
    }

    /** Whether daemon thread groups destroy themselves when they become empty: until Java 18. */
    static final boolean GROUPS_SELF_DESTROY = Runtime.version().feature() < 19;

    /**
     * A thread group that, on Java 17, destroys itself once its last thread ends, so that groups started
     * many times leave nothing behind; on Java 19+ thread groups are weakly held and this changes nothing.
     * On Java 17 the group is held open until {@link #release} (by a thread that is made but not started),
     * so that an actor whose threads have all ended can still make threads in it while its group stops.
     */
    @SuppressWarnings("removal")
    static ThreadGroup selfCleaningGroup(ThreadGroup parent, String name) {
        ThreadGroup group = GROUPS_SELF_DESTROY ? new HeldGroup(parent, name) : new ThreadGroup(parent, name);
        try {
            group.setDaemon(true);
        } catch (RuntimeException | LinkageError ignored) {
            // Later JDKs may drop the method: thread groups are then not retained anyway.
        }
        return group;
    }

    /**
     * Lets a group made by {@link #selfCleaningGroup} destroy itself once it is empty (at once if it is empty
     * now); threads made in it afterwards fail on Java 17. Does nothing for other groups or on Java 19+.
     */
    static void release(ThreadGroup group) {
        if (group instanceof HeldGroup) {
            ((HeldGroup) group).release();
        }
    }

    /** A thread group held open by a thread made in it and never started (Java 17 counts those). */
    private static final class HeldGroup extends ThreadGroup {
        private Thread holder;

        HeldGroup(ThreadGroup parent, String name) {
            super(parent, name);
            holder = new Thread(this, () -> { }, name + "/holder");
            holder.setDaemon(true);
        }

        @SuppressWarnings("removal")
        void release() {
            Thread h;
            synchronized (this) {
                h = holder;
                holder = null;
            }
            if (h == null) {
                return;
            }
            if (activeCount() == 0 && activeGroupCount() == 0) {
                try {
                    destroy(); // ignores the unstarted holder
                    return;
                } catch (IllegalThreadStateException aThreadStartedMeanwhile) {
                    // fall through: the holder's end lets the group destroy itself once it is empty
                }
            }
            h.start();
        }
    }

    /** @return the live platform threads in a thread group and its subgroups */
    static Thread[] liveThreads(ThreadGroup group) {
        Thread[] threads = new Thread[Math.max(16, group.activeCount() * 2)];
        int n;
        while ((n = group.enumerate(threads, true)) == threads.length) {
            threads = new Thread[threads.length * 2];
        }
        return java.util.Arrays.copyOf(threads, n);
    }

    static boolean isIn(Thread thread, ThreadGroup group) {
        for (ThreadGroup g = thread.getThreadGroup(); g != null; g = g.getParent()) {
            if (g == group) {
                return true;
            }
        }
        return false;
    }
}
