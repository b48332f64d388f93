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
     * The parent of every group's (and app factory's) thread group, made once and held for the JVM's life,
     * under the JVM's top thread group. From Java 19 on a parent holds its child groups weakly until a
     * garbage collection, so groups started many times pile up here, not in the caller's thread group, and
     * a look at the JVM's other thread groups ({@link LeakScope}) skips them in one step.
     */
    static final ThreadGroup RUNTIME_GROUPS = new ThreadGroup(top(Thread.currentThread().getThreadGroup()), "runstop");

    /** @return the JVM's top thread group, the ancestor of {@code group} with no parent */
    static ThreadGroup top(ThreadGroup group) {
        ThreadGroup top = group;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top;
    }

    /**
     * A thread group for a group's or an actor's threads. It stays until {@link #release}: an actor whose
     * threads have all ended can still make threads in it while its group stops.
     */
    static ThreadGroup selfCleaningGroup(ThreadGroup parent, String name) {
        return new ThreadGroup(parent, name);
    }

    /** A thread group for a whole group's (or an app factory's) threads, under {@link #RUNTIME_GROUPS}. */
    static ThreadGroup runtimeGroup(String name) {
        return selfCleaningGroup(RUNTIME_GROUPS, name);
    }

    /**
     * @return the thread groups under {@code root} and root itself, without {@link #RUNTIME_GROUPS} and the
     *     groups under it
     */
    static java.util.List<ThreadGroup> groupsOutsideRuntime(ThreadGroup root) {
        java.util.List<ThreadGroup> out = new java.util.ArrayList<>();
        out.add(root);
        ThreadGroup[] children = new ThreadGroup[16];
        for (int i = 0; i < out.size(); i++) {
            ThreadGroup g = out.get(i);
            int n;
            while ((n = g.enumerate(children, false)) == children.length) {
                children = new ThreadGroup[children.length * 2];
            }
            for (int k = 0; k < n; k++) {
                if (children[k] != RUNTIME_GROUPS) {
                    out.add(children[k]);
                }
            }
        }
        return out;
    }

    /**
     * Lets a thread group go once it is empty, so that groups started many times leave nothing behind: on
     * Java 17, where a parent holds its child groups until they are destroyed, it is destroyed now if it is
     * empty, else it is made a daemon group, which destroys itself when its last thread ends. Threads made
     * in it afterwards fail on Java 17. On Java 19+ thread groups are held weakly and nothing is needed.
     */
    @SuppressWarnings("removal")
    static void release(ThreadGroup group) {
        if (!GROUPS_SELF_DESTROY || group == null) {
            return;
        }
        try {
            group.setDaemon(true);
            if (!group.isDestroyed() && group.activeCount() == 0 && group.activeGroupCount() == 0) {
                group.destroy(); // already empty: no thread will end to destroy it
            }
        } catch (IllegalThreadStateException startedOrEndedMeanwhile) {
            // a thread started meanwhile (its end destroys the daemon group) or the group is already gone
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

    /**
     * Whether a thread is seen blocked, for the readiness of actors that cannot say it: waiting, parked,
     * blocked on a monitor, or in a native call (a socket accept or read); not while it loads or
     * initializes a class, nor while it waits for a handle of another actor (it is not ready then).
     */
    static boolean seenBlocked(Thread thread) {
        return seen(thread) == Seen.BLOCKED;
    }

    /** What a thread is seen doing, for readiness. */
    enum Seen {
        /** Running (or not alive). */
        RUNNING,
        /** Waiting, parked, blocked or in a native call, in its own code. */
        BLOCKED,
        /** Waiting for a handle another actor is to publish. */
        HANDLE_WAIT,
        /** Loading or initializing a class. */
        LOADING
    }

    static Seen seen(Thread thread) {
        if (thread == null) {
            return Seen.RUNNING;
        }
        Thread.State state = thread.getState();
        if (state == Thread.State.NEW || state == Thread.State.TERMINATED) {
            return Seen.RUNNING;
        }
        StackTraceElement[] stack = thread.getStackTrace();
        if (stack.length == 0 || state == Thread.State.RUNNABLE && !stack[0].isNativeMethod()) {
            return Seen.RUNNING;
        }
        String registry = HandleRegistry.class.getName();
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.equals(registry)) {
                return Seen.HANDLE_WAIT;
            }
            if (f.getMethodName().equals("<clinit>") || c.equals("java.lang.ClassLoader") && f.getMethodName().startsWith("loadClass")) {
                return Seen.LOADING;
            }
        }
        return Seen.BLOCKED;
    }
}
