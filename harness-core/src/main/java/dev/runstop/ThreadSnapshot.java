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
    private final long threadId;
    private final long lockOwnerId;
    private final Thread.State state;
    private final String lock;
    private final String lockOwner;
    private final List<StackTraceElement> stack;
    /** The stack of the {@code Thread.start()} that started the thread; empty if not recorded. */
    private final List<StackTraceElement> origin;
    /** Whether creation sites were being recorded when the snapshot was taken. */
    private final boolean originsRecorded;
    /** What the leak check found about the thread (why it is shared, that it runs common-pool work), or null. */
    private final String note;

    private ThreadSnapshot(String threadName, long threadId, Thread.State state, String lock, String lockOwner,
            long lockOwnerId, StackTraceElement[] stack) {
        this(threadName, threadId, state, lock, lockOwner, lockOwnerId, List.of(stack), List.of(), false, null);
    }

    private ThreadSnapshot(String threadName, long threadId, Thread.State state, String lock, String lockOwner,
            long lockOwnerId, List<StackTraceElement> stack, List<StackTraceElement> origin, boolean originsRecorded, String note) {
        this.threadName = threadName;
        this.threadId = threadId;
        this.lockOwnerId = lockOwnerId;
        this.state = state;
        this.lock = lock;
        this.lockOwner = lockOwner;
        this.stack = stack;
        this.origin = List.copyOf(origin);
        this.originsRecorded = originsRecorded;
        this.note = note;
    }

    /** A copy with where the thread was started, and whether creation sites were recorded at all. */
    ThreadSnapshot withOrigin(List<StackTraceElement> origin, boolean recorded) {
        return new ThreadSnapshot(threadName, threadId, state, lock, lockOwner, lockOwnerId, stack, origin, recorded, note);
    }

    /** A copy with what the leak check found about the thread. */
    ThreadSnapshot withNote(String note) {
        return new ThreadSnapshot(threadName, threadId, state, lock, lockOwner, lockOwnerId, stack, origin, originsRecorded, note);
    }

    /**
     * Takes a snapshot of a thread now.
     *
     * @param thread any thread
     * @return its snapshot
     */
    public static ThreadSnapshot of(Thread thread) {
        ThreadInfo info = null;
        @SuppressWarnings("deprecation")
        long id = thread.getId();
        if (!Threads.isVirtual(thread)) {
            try {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                info = mx.getThreadInfo(id, Integer.MAX_VALUE);
            } catch (RuntimeException | LinkageError unavailable) {
                info = null;
            }
        }
        if (info != null) {
            return new ThreadSnapshot(thread.getName(), id, info.getThreadState(), info.getLockName(), info.getLockOwnerName(),
                    info.getLockOwnerId(), info.getStackTrace());
        }
        return new ThreadSnapshot(thread.getName(), id, thread.getState(), null, null, -1, thread.getStackTrace());
    }

    /** A snapshot of a thread known only from a thread dump (a virtual thread): its name and stack. */
    static ThreadSnapshot ofDump(String name, Thread.State state, List<StackTraceElement> stack) {
        return new ThreadSnapshot(name, -1, state, null, null, -1, List.copyOf(stack), List.of(), false, null);
    }

    /** @return the thread's name */
    public String threadName() {
        return threadName;
    }

    /** The thread's id, to follow lock owners from one snapshot to another. */
    long threadId() {
        return threadId;
    }

    /** The id of the thread that held the lock this one waited on, or -1 if none or unknown. */
    long lockOwnerId() {
        return lockOwnerId;
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

    /**
     * @return the stack of the {@code Thread.start()} call that started the thread, innermost frame first;
     *     empty unless creation sites are recorded ({@link Group#leakOrigins(boolean)})
     */
    public List<StackTraceElement> origin() {
        return origin;
    }

    /**
     * @return the frame of application code that started the thread, as {@code Class.method(File.java:42)}:
     *     of the frames outside the JDK and this library, the innermost of a class loaded from a directory
     *     (the application's own classes in a build), else the innermost; empty if unknown
     */
    public java.util.Optional<String> startedAt() {
        StackTraceElement f = originFrame();
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(brief(f));
    }

    /** @return what the leak check found about the thread: why it counts as shared, or that it runs common-pool work */
    public java.util.Optional<String> note() {
        return java.util.Optional.ofNullable(note);
    }

    /** For leak messages: where the thread was started, or how to find out. */
    String describeOrigin() {
        java.util.Optional<String> at = startedAt();
        if (at.isPresent()) {
            return "started at " + at.get();
        }
        return originsRecorded ? "where it was started is not known"
                : "re-run with -D" + ThreadOrigins.PROPERTY + "=true to see where it was started";
    }

    private StackTraceElement originFrame() {
        StackTraceElement first = null;
        for (StackTraceElement f : origin) {
            String c = f.getClassName();
            if (isJdkClass(c) || isRuntimeFrame(c)) {
                continue;
            }
            if (first == null) {
                first = f;
            }
            if (fromDirectory(c)) {
                return f;
            }
        }
        return first;
    }

    private static boolean isJdkClass(String c) {
        return c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                || c.startsWith("com.sun.") || c.contains("$$Lambda");
    }

    /** Whether a class was loaded from a directory rather than a jar: in a build, the application's own code. */
    private static boolean fromDirectory(String className) {
        for (ClassLoader l : new ClassLoader[] {Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader()}) {
            try {
                Class<?> c = Class.forName(className, false, l);
                java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
                return source != null && source.getLocation() != null && source.getLocation().getPath().endsWith("/");
            } catch (ClassNotFoundException | LinkageError | RuntimeException notVisible) {
                // try the next loader
            }
        }
        return false;
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
        StackTraceElement user = firstUserFrame(stack.toArray(new StackTraceElement[0]));
        return user != null ? user : stack.isEmpty() ? null : stack.get(0);
    }

    /**
     * The innermost frame of application code in a stack: not the JDK's ({@code java.}, {@code jdk.},
     * {@code sun.}...), not a lambda proxy ({@code $$Lambda}), not this library's runtime.
     *
     * @return that frame, or null if the stack has none
     */
    static StackTraceElement firstUserFrame(StackTraceElement[] stack) {
        if (stack == null) {
            return null;
        }
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                    || c.startsWith("com.sun.") || c.contains("$$Lambda") || c.contains("$Proxy") || isRuntimeFrame(c))) {
                return frame;
            }
        }
        return null;
    }

    /**
     * Where an error was thrown in application code: the first user frame of its stack, else of its
     * causes' stacks.
     *
     * @return {@code Class.method(File.java:42)}, or null if no stack of the chain has user code
     */
    static String thrownAt(Throwable error) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            StackTraceElement frame = firstUserFrame(t.getStackTrace());
            if (frame != null) {
                return brief(frame);
            }
        }
        return null;
    }

    /**
     * @return where the thread is stuck as one short frame, {@code Class.method(File.java:42)}, without the
     *     class loader and module prefixes of a full stack line; {@code unknown} for an empty stack
     */
    public String where() {
        return brief(stuckAt());
    }

    /** @return a frame as {@code Class.method(File.java:42)}, without loader or module prefixes */
    static String brief(StackTraceElement f) {
        if (f == null) {
            return "unknown";
        }
        String file = f.isNativeMethod() ? "Native Method"
                : f.getFileName() == null ? "Unknown Source"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return f.getClassName() + "." + f.getMethodName() + "(" + file + ")";
    }

    private static final java.util.Set<String> RUNTIME = java.util.Set.of("Actors", "ActorCell", "GroupRuntime", "Threads",
            "SessionSet", "StopDelivery", "PairActor", "SignalsActor", "HandleRegistry", "ActorHandles", "Watchdog",
            "ProcessActor", "OutputTail", "Group", "StopReport", "StopCause", "Safe", "LeakCheck", "ProcessLeakCheck",
            "GroupAccessImpl", "ActorContext", "Actor", "ProcessTree", "ChildProcesses", "ProcessStarts", "Timeline",
            "RunningGroup", "Handles");

    static boolean isRuntimeFrame(String className) {
        if (className.startsWith("dev.runstop.internal.")) {
            return true;
        }
        if (!className.startsWith("dev.runstop.") || className.indexOf('.', "dev.runstop.".length()) >= 0) {
            return false;
        }
        String simple = className.substring("dev.runstop.".length());
        int nested = simple.indexOf('$');
        return RUNTIME.contains(nested < 0 ? simple : simple.substring(0, nested));
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
        if (note != null) {
            out.append(" (").append(note).append(')');
        }
        if (!origin.isEmpty()) {
            out.append(", ").append(describeOrigin());
        }
        for (StackTraceElement frame : stack) {
            out.append(System.lineSeparator()).append("    at ").append(frame);
        }
        return out.toString();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {threadName, state, lock, stack, origin});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadSnapshot && toString().equals(o.toString());
    }
}
