package dev.runstop.stress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the app has done what it can: until no other thread of this process is runnable. On Linux the
 * kernel's own run state of every thread is read ({@code /proc/self/task/<id>/stat}); a thread that was
 * woken (say by a queue offer) counts as runnable from that moment until it blocks again, however long a
 * loaded machine keeps it waiting for a processor, so this is exact where a wall-clock wait is a guess. The
 * JVM's compiler and garbage collector threads are not the app's and are not waited for. Where the kernel
 * state cannot be read, it falls back to the Java states of the live threads whose names start with the
 * group's prefix, which cannot tell a woken thread from a blocked one.
 */
final class Quiescence {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path SELF = Path.of("/proc/thread-self");
    private static final List<String> JVM_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 ",
            "VM Thread", "VM Periodic Tas", "Sweeper thread", "Monitor Deflati", "Service Thread", "Notification Th");
    private static final long POLL_NANOS = 50_000;
    private static final boolean KERNEL_STATE = Files.isDirectory(TASKS) && Files.isSymbolicLink(SELF);

    private Quiescence() {
    }

    /**
     * @param threadPrefix the prefix of the app's thread names, for the fallback ({@code "<group>/"})
     * @param capNanos the longest wait, in nanoseconds
     * @return true if the app was seen idle, false if the cap passed first
     */
    static boolean await(String threadPrefix, long capNanos) {
        long until = System.nanoTime() + capNanos;
        while (true) {
            if (idle(threadPrefix)) {
                return true;
            }
            if (System.nanoTime() - until >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean idle(String threadPrefix) {
        if (KERNEL_STATE) {
            try {
                return noOtherTaskRunnable();
            } catch (IOException | RuntimeException unreadable) {
                // fall back below
            }
        }
        return noAppThreadRunnable(threadPrefix);
    }

    /** Open stat files of the threads seen so far, by thread id; JVM-internal threads are not kept. */
    private static final Map<String, FileChannel> STATS = new HashMap<>();
    private static final Set<String> INTERNAL = new HashSet<>();

    private static synchronized boolean noOtherTaskRunnable() throws IOException {
        String self = SELF.toRealPath().getFileName().toString();
        Set<String> alive = new HashSet<>();
        boolean idle = true;
        ByteBuffer buffer = ByteBuffer.allocate(512);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String id = task.getFileName().toString();
                alive.add(id);
                if (!idle || id.equals(self) || INTERNAL.contains(id)) {
                    continue;
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
                    int close = line.lastIndexOf(')');
                    String name = line.substring(line.indexOf('(') + 1, Math.max(line.indexOf('(') + 1, close));
                    if (JVM_THREADS.stream().anyMatch(name::startsWith)) {
                        INTERNAL.add(id);
                        STATS.remove(id).close();
                    } else if (close > 0 && close + 2 < line.length() && line.charAt(close + 2) == 'R') {
                        idle = false;
                    }
                } catch (IOException ended) {
                    FileChannel gone = STATS.remove(id); // the thread ended while we looked
                    if (gone != null) {
                        gone.close();
                    }
                }
            }
        }
        for (var it = STATS.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!alive.contains(e.getKey())) {
                e.getValue().close();
                it.remove();
            }
        }
        INTERNAL.retainAll(alive);
        return idle;
    }

    private static boolean noAppThreadRunnable(String threadPrefix) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        Thread me = Thread.currentThread();
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != me && t.getName().startsWith(threadPrefix)) {
                Thread.State s = t.getState();
                if (s == Thread.State.RUNNABLE || s == Thread.State.NEW || s == Thread.State.BLOCKED) {
                    return false;
                }
            }
        }
        return true;
    }
}
