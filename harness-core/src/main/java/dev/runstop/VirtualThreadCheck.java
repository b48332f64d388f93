package dev.runstop;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Virtual threads an actor started and left running, on Java 21+ (detected at run time).
 *
 * <p>The JVM lists virtual threads only in a thread dump, and says nothing there of who started one. So:
 * every thread an actor creates inherits a flag of its group ({@link #MARK}, an inheritable thread-local
 * set while the actors' threads are made), and when a thread is made from a flagged thread, a look at the
 * first frames of the creating stack tells whether it is a virtual thread (a few microseconds, on Java
 * 21+ only). Only a group whose actors started virtual threads pays for the check: a JSON thread dump
 * ({@code HotSpotDiagnosticMXBean.dumpThreads}, some tens of milliseconds), in which a live virtual thread
 * running the code of one of the group's actors (as for common-pool work) is that actor's leak.
 * Virtual threads the dump does not list (Java 21 and 22 list those started with {@code Thread.ofVirtual()}
 * only with {@code -Djdk.trackAllThreads=true}) are not found.
 */
final class VirtualThreadCheck {
    static final boolean AVAILABLE = Runtime.version().feature() >= 21;

    /** Set on a group's behalf; threads made from flagged threads set it when they make a virtual thread. */
    static final class Flag {
        volatile boolean virtualStarted;
        /** True while the runtime makes the actors' own threads (platform ones, no look needed); that thread only. */
        boolean makingActors;
    }

    static final InheritableThreadLocal<Flag> MARK = new InheritableThreadLocal<>() {
        @Override
        protected Flag childValue(Flag parent) {
            if (parent != null && !parent.virtualStarted && !parent.makingActors && makingVirtualThread()) {
                parent.virtualStarted = true;
            }
            return parent;
        }
    };

    private static final StackWalker WALKER = StackWalker.getInstance();

    private VirtualThreadCheck() {
    }

    private static boolean makingVirtualThread() {
        try {
            return WALKER.walk(s -> s.limit(16).anyMatch(f -> f.getClassName().equals("java.lang.VirtualThread")));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A live virtual thread of the dump. */
    record Found(long tid, String name, Thread.State state, List<StackTraceElement> stack) {
    }

    private static final Pattern THREAD = Pattern.compile("\"tid\"\\s*:\\s*\"(\\d+)\"(.*?)\"stack\"\\s*:\\s*\\[(.*?)\\]",
            Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\s*:\s*\"([A-Z_]+)\"");
    private static final Pattern FRAME = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FRAME_TEXT = Pattern.compile("(?:[^/]*/)?(.+)\\.([^.(]+)\\((.*)\\)");

    /**
     * @param platform ids of the live platform threads, left out
     * @return the live virtual threads of a JSON thread dump; empty if the JVM cannot make one
     */
    static List<Found> liveVirtualThreads(Set<Long> platform) {
        List<Found> out = new ArrayList<>();
        Path file = null;
        try {
            Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object format = Enum.valueOf((Class) Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat"),
                    "JSON");
            Method dump = bean.getMethod("dumpThreads", String.class, format.getClass());
            Object mx = ManagementFactory.getPlatformMXBean(bean.asSubclass(java.lang.management.PlatformManagedObject.class));
            file = Files.createTempFile("runstop-threads", ".json");
            Files.delete(file); // dumpThreads refuses to overwrite
            dump.invoke(mx, file.toString(), format);
            String json = Files.readString(file);
            Matcher m = THREAD.matcher(json);
            while (m.find()) {
                long tid = Long.parseLong(m.group(1));
                if (platform.contains(tid)) {
                    continue;
                }
                Matcher n = NAME.matcher(m.group(2));
                String name = n.find() ? n.group(1) : "";
                Matcher st = STATE.matcher(m.group(2));
                Thread.State state = Thread.State.WAITING;
                if (st.find()) {
                    try {
                        state = Thread.State.valueOf(st.group(1));
                    } catch (IllegalArgumentException other) {
                        state = Thread.State.WAITING;
                    }
                }
                List<StackTraceElement> stack = new ArrayList<>();
                Matcher f = FRAME.matcher(m.group(3));
                while (f.find()) {
                    Matcher t = FRAME_TEXT.matcher(f.group(1).replace("\\/", "/"));
                    if (t.matches()) {
                        String where = t.group(3);
                        int colon = where.lastIndexOf(':');
                        int line = -1;
                        String fileName = where;
                        if (colon > 0) {
                            try {
                                line = Integer.parseInt(where.substring(colon + 1));
                                fileName = where.substring(0, colon);
                            } catch (NumberFormatException notALine) {
                                line = -1;
                            }
                        }
                        stack.add(new StackTraceElement(t.group(1), t.group(2), fileName, line));
                    }
                }
                out.add(new Found(tid, name, state, stack));
            }
        } catch (Exception | LinkageError e) {
            System.getLogger(Group.class.getName()).log(System.Logger.Level.DEBUG, "no thread dump: virtual threads not checked", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temp file left behind
                }
            }
        }
        return out;
    }

    /** A snapshot of a virtual thread from the dump, for the report. */
    static ThreadSnapshot snapshot(Found f) {
        return ThreadSnapshot.ofDump(f.name().isEmpty() ? "virtual thread #" + f.tid() : f.name(), f.state(), f.stack());
    }
}
