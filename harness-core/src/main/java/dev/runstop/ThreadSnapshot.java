package dev.runstop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Where a thread was at one moment: its name, state, the lock it waits on and who holds it (where the
 * JVM knows), and its stack. Taken of stragglers, of actors not ready at a start deadline and of leaked
 * threads.
 */
public final class ThreadSnapshot {
    private final String threadName;
    private final Thread.State state;
    private final String lock;
    private final String lockOwner;
    private final List<StackTraceElement> stack;

    private ThreadSnapshot(String threadName, Thread.State state, String lock, String lockOwner, StackTraceElement[] stack) {
        this.threadName = threadName;
        this.state = state;
        this.lock = lock;
        this.lockOwner = lockOwner;
        this.stack = List.of(stack);
    }

    /**
     * Takes a snapshot of a thread now.
     *
     * @param thread any thread
     * @return its snapshot
     */
    public static ThreadSnapshot of(Thread thread) {
        ThreadInfo info = null;
        if (!Threads.isVirtual(thread)) {
            try {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                @SuppressWarnings("deprecation")
                long id = thread.getId();
                info = mx.getThreadInfo(id, Integer.MAX_VALUE);
            } catch (RuntimeException | LinkageError unavailable) {
                info = null;
            }
        }
        if (info != null) {
            return new ThreadSnapshot(thread.getName(), info.getThreadState(), info.getLockName(), info.getLockOwnerName(),
                    info.getStackTrace());
        }
        return new ThreadSnapshot(thread.getName(), thread.getState(), null, null, thread.getStackTrace());
    }

    /** @return the thread's name */
    public String threadName() {
        return threadName;
    }

    /** @return the thread's state when the snapshot was taken */
    public Thread.State state() {
        return state;
    }

    /** @return the lock the thread waited on, such as {@code java.lang.Object@1b6d3586}, or null */
    public String lock() {
        return lock;
    }

    /** @return the name of the thread that held that lock, or null if none or unknown */
    public String lockOwner() {
        return lockOwner;
    }

    /** @return the stack, innermost frame first */
    public List<StackTraceElement> stack() {
        return stack;
    }

    /** @return the stack as an array, for {@link Throwable#setStackTrace} */
    StackTraceElement[] stackArray() {
        return stack.toArray(new StackTraceElement[0]);
    }

    /**
     * @return the innermost frame of application code (not {@code java.}, {@code jdk.}, {@code sun.} or
     *     this library), or the innermost frame if there is none, or null for an empty stack
     */
    public StackTraceElement stuckAt() {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                    || c.startsWith("com.sun.") || isRuntimeFrame(c))) {
                return frame;
            }
        }
        return stack.isEmpty() ? null : stack.get(0);
    }

    private static boolean isRuntimeFrame(String className) {
        return className.startsWith("dev.runstop.Actors") || className.startsWith("dev.runstop.ActorCell")
                || className.startsWith("dev.runstop.GroupRuntime") || className.startsWith("dev.runstop.Threads");
    }

    /** @return {@code WAITING on java.lang.Object@1b6d3586 held by 'x'}, or just the state */
    public String describeState() {
        StringBuilder out = new StringBuilder(String.valueOf(state));
        if (lock != null) {
            out.append(" on ").append(lock);
            if (lockOwner != null) {
                out.append(" held by '").append(lockOwner).append('\'');
            }
        }
        return out.toString();
    }

    /** @return a header line and the stack, one indented frame a line, as in a thread dump */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("thread '").append(threadName).append("' ").append(describeState());
        for (StackTraceElement frame : stack) {
            out.append(System.lineSeparator()).append("    at ").append(frame);
        }
        return out.toString();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {threadName, state, lock, stack});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadSnapshot && toString().equals(o.toString());
    }
}
