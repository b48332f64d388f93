package dev.runstop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Signals to a process and all its descendants. A snapshot of the tree is taken before the first signal
 * and kept: once a parent dies its children are re-parented and no longer show among its descendants.
 */
final class ProcessTree {
    private ProcessTree() {
    }

    /** @return the root and its live descendants now, root first */
    static List<ProcessHandle> snapshot(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        try {
            root.descendants().forEach(tree::add);
        } catch (RuntimeException cannotList) {
            // the root only
        }
        return tree;
    }

    /** @return the union of both lists, by pid and start time, in order */
    static List<ProcessHandle> union(Collection<ProcessHandle> a, Collection<ProcessHandle> b) {
        Map<ProcessHandle, Boolean> all = new LinkedHashMap<>();
        a.forEach(h -> all.put(h, true));
        b.forEach(h -> all.put(h, true));
        return new ArrayList<>(all.keySet());
    }

    /** Sends SIGTERM to every live process of the list. */
    static void terminate(Collection<ProcessHandle> tree) {
        for (ProcessHandle h : tree) {
            try {
                if (h.isAlive()) {
                    h.destroy();
                }
            } catch (RuntimeException gone) {
                // ended meanwhile, or not ours to signal
            }
        }
    }

    /** Sends SIGKILL to every live process of the list. */
    static void kill(Collection<ProcessHandle> tree) {
        for (ProcessHandle h : tree) {
            try {
                if (h.isAlive()) {
                    h.destroyForcibly();
                }
            } catch (RuntimeException gone) {
                // ended meanwhile, or not ours to signal
            }
        }
    }

    /**
     * @return true if the process runs: alive and not a zombie. A killed process whose parent died is
     *     re-parented to an init that may reap it late; until then {@link ProcessHandle#isAlive()} is true,
     *     but it has ended and holds nothing but its pid. Zombies are told apart on Linux ({@code /proc}).
     */
    static boolean isRunning(ProcessHandle h) {
        return h.isAlive() && !isZombie(h.pid());
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException notLinuxOrGone) {
            return false;
        }
    }

    /** @return the processes of the list still running (see {@link #isRunning}) */
    static List<ProcessHandle> alive(Collection<ProcessHandle> tree) {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle h : tree) {
            if (isRunning(h)) {
                alive.add(h);
            }
        }
        return alive;
    }

    /**
     * Waits until every process of the list has ended or {@code deadlineNanos} (a {@code nanoTime}) passes,
     * polling (a process that is not our child cannot be waited for otherwise).
     *
     * @return true if all ended
     */
    static boolean awaitGone(Collection<ProcessHandle> tree, long deadlineNanos) {
        long pause = 50_000; // 50 µs, doubling up to 5 ms
        while (true) {
            if (alive(tree).isEmpty()) {
                return true;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, pause));
            pause = Math.min(pause * 2, 5_000_000);
        }
    }

    /** @return the command line of a process as the OS reports it, or {@code "(unknown command)"} */
    static String commandOf(ProcessHandle h) {
        ProcessHandle.Info info = h.info();
        return info.commandLine().or(info::command).orElse("(unknown command)");
    }
}
