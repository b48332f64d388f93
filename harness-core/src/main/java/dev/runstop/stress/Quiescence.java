package dev.runstop.stress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until one app has done what it can: until none of <em>its</em> threads is runnable. The app's
 * threads are its actors' threads ({@code <group>/<actor>}, and others named {@code <group>/...}) and every
 * thread in the thread groups the runtime made for the group and its actors (the threads the actors
 * started, their executors' workers): what the leak check attributes to it. Threads of other apps, of
 * other tests and of the JVM are not waited for, so a busy neighbour does not hold a settle point up.
 *
 * <p>On Linux the kernel's own run state of each of those threads is read
 * ({@code /proc/self/task/<id>/stat}, matched to Java threads by the name the JVM gives the kernel, its
 * first 15 bytes): a thread that was woken (say by a queue offer) counts as runnable from that moment until
 * it blocks again, however long a loaded machine keeps it waiting for a processor, so this is exact where a
 * wall-clock wait is a guess. A live app thread whose kernel name is not found (a thread that has just
 * started and not yet named itself) counts as runnable if Java says so. Where the kernel state cannot be
 * read, Java thread states are used, which cannot tell a woken thread from a blocked one.
 */
final class Quiescence {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path SELF = Path.of("/proc/thread-self");
    private static final long POLL_NANOS = 50_000;
    private static final int COMM_BYTES = 15;
    private static final boolean KERNEL_STATE = Files.isDirectory(TASKS) && Files.isSymbolicLink(SELF);

    /** How many polls all waits took, for the profile of a stress run. */
    private static final java.util.concurrent.atomic.LongAdder POLLS = new java.util.concurrent.atomic.LongAdder();

    private Quiescence() {
    }

    /**
     * @param group the app's group name
     * @param capNanos the longest wait, in nanoseconds
     * @return true if the app was seen idle, false if the cap passed first
     */
    static boolean await(String group, long capNanos) {
        long until = System.nanoTime() + capNanos;
        while (true) {
            POLLS.increment();
            if (idle(group)) {
                return true;
            }
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** @return the polls made so far by all waits in this JVM */
    static long polls() {
        return POLLS.sum();
    }

    /** @return true if no thread of the app, other than the caller, is runnable now */
    static boolean idle(String group) {
        List<Thread> app = appThreads(group);
        if (app.isEmpty()) {
            return true;
        }
        if (KERNEL_STATE) {
            try {
                return noneRunnableInKernel(app);
            } catch (IOException | RuntimeException unreadable) {
                // fall back below
            }
        }
        for (Thread t : app) {
            Thread.State s = t.getState();
            if (s == Thread.State.RUNNABLE || s == Thread.State.BLOCKED || s == Thread.State.NEW) {
                return false;
            }
        }
        return true;
    }

    /** @return the live threads of the app, without the caller */
    static List<Thread> appThreads(String group) {
        String prefix = group + "/";
        String runtimeGroup = "runstop:" + group;
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        Thread me = Thread.currentThread();
        List<Thread> app = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t == me || !t.isAlive()) {
                continue;
            }
            if (t.getName().startsWith(prefix) || inGroup(t, runtimeGroup, prefix)) {
                app.add(t);
            }
        }
        return app;
    }

    private static boolean inGroup(Thread t, String runtimeGroup, String prefix) {
        for (ThreadGroup g = t.getThreadGroup(); g != null; g = g.getParent()) {
            String name = g.getName();
            if (name.equals(runtimeGroup) || name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Open stat files and kernel names of the threads seen so far, by thread id. */
    private static final Map<String, FileChannel> STATS = new HashMap<>();
    private static final Map<String, String> COMMS = new HashMap<>();
    /** The runtime's watchdog thread, which starts stop deliverers after a stall. */
    private static final String WATCHDOG = "runstop-watchdog";
    /** Guarded by the class: kernel names that threads just started by the app's runtime may still bear. */
    private static final Set<String> creators = new HashSet<>();

    private static synchronized boolean noneRunnableInKernel(List<Thread> app) throws IOException {
        // several app threads may share a kernel name (it keeps 15 bytes): count them
        Map<String, List<Thread>> byComm = new HashMap<>();
        for (Thread t : app) {
            byComm.computeIfAbsent(comm(t.getName()), k -> new ArrayList<>()).add(t);
        }
        // a thread just started bears the kernel name of the thread that started it until it names itself: the
        // runtime's helpers are started by the caller (this thread) or the watchdog, so those names count too
        creators.clear();
        creators.add(selfComm());
        creators.add(comm(WATCHDOG));
        Map<String, Integer> found = scan(byComm);
        if (found != null && !allFound(byComm, found)) {
            COMMS.clear(); // a name the cache did not show: a thread named itself since; look at every thread again
            found = scan(byComm);
        }
        if (found == null) {
            return false;
        }
        // app threads the kernel does not know by their name yet (just started, still named after the thread
        // that started them): trust Java's state of the threads of that name
        for (Map.Entry<String, List<Thread>> e : byComm.entrySet()) {
            if (found.getOrDefault(e.getKey(), 0) < e.getValue().size()) {
                for (Thread t : e.getValue()) {
                    Thread.State state = t.getState();
                    if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
                        return false; // NEW while alive: started, not yet running
                    }
                }
            }
        }
        return true;
    }

    private static boolean allFound(Map<String, List<Thread>> byComm, Map<String, Integer> found) {
        for (Map.Entry<String, List<Thread>> e : byComm.entrySet()) {
            if (found.getOrDefault(e.getKey(), 0) < e.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    /** @return how many threads of each app kernel name were found, none of them runnable; null if one is runnable */
    private static Map<String, Integer> scan(Map<String, List<Thread>> byComm) throws IOException {
        String self = selfId();
        Set<String> alive = new HashSet<>();
        Map<String, Integer> matched = new HashMap<>();
        boolean idle = true;
        ByteBuffer buffer = ByteBuffer.allocate(512);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String id = task.getFileName().toString();
                alive.add(id);
                if (!idle || id.equals(self)) {
                    continue;
                }
                String known = COMMS.get(id);
                if (known != null && !byComm.containsKey(known) && !creators.contains(known)) {
                    continue; // not the app's: its state is not read
                }
                try {
                    FileChannel stat = STATS.get(id);
                    if (stat == null) {
                        stat = FileChannel.open(task.resolve("stat"), StandardOpenOption.READ);
                        STATS.put(id, stat);
                    }
                    buffer.clear();
                    stat.read(buffer, 0);
                    String line = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
                    int open = line.indexOf('(');
                    int close = line.lastIndexOf(')');
                    if (open < 0 || close < open) {
                        continue;
                    }
                    String name = line.substring(open + 1, close);
                    COMMS.put(id, name);
                    boolean runnable = close + 2 < line.length() && line.charAt(close + 2) == 'R';
                    if (byComm.containsKey(name)) {
                        matched.merge(name, 1, Integer::sum);
                        idle &= !runnable;
                    } else if (creators.contains(name)) {
                        idle &= !runnable; // maybe an app thread that has not named itself yet
                    }
                } catch (IOException ended) {
                    forget(id); // the thread ended while we looked
                }
            }
        }
        for (String id : new ArrayList<>(STATS.keySet())) {
            if (!alive.contains(id)) {
                forget(id);
            }
        }
        COMMS.keySet().retainAll(alive);
        return idle ? matched : null;
    }

    /** @return the kernel name of the calling thread (the JVM leaves the main thread's as the launcher named it) */
    private static String selfComm() throws IOException {
        String[] cached = SELF_IDS.get();
        if (cached[1] == null) {
            cached[1] = Files.readString(SELF.resolve("comm"), StandardCharsets.ISO_8859_1).strip();
        }
        return cached[1];
    }

    /** @return the calling thread's kernel id */
    private static String selfId() throws IOException {
        String[] cached = SELF_IDS.get();
        if (cached[0] == null) {
            cached[0] = SELF.toRealPath().getFileName().toString();
        }
        return cached[0];
    }

    /** Per thread: its kernel id and name, read once (a thread keeps its id; the JVM names it before it runs Java code). */
    private static final ThreadLocal<String[]> SELF_IDS = ThreadLocal.withInitial(() -> new String[2]);

    private static void forget(String id) throws IOException {
        FileChannel gone = STATS.remove(id);
        COMMS.remove(id);
        if (gone != null) {
            gone.close();
        }
    }

    /** @return the name the kernel knows a Java thread by: its first 15 bytes of UTF-8, as ISO-8859-1 text */
    static String comm(String javaName) {
        byte[] b = javaName.getBytes(StandardCharsets.UTF_8);
        return new String(b, 0, Math.min(b.length, COMM_BYTES), StandardCharsets.ISO_8859_1);
    }
}
