package dev.runstop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process started through {@link ProcessActor} that may still be alive, with its owner, and
 * the one JVM shutdown hook that kills them: on a normal exit, {@code System.exit}, SIGTERM, SIGINT or
 * SIGHUP the hook sends SIGTERM to each live tree, waits up to {@link #HOOK_GRACE}, then sends SIGKILL.
 * A SIGKILL of the JVM runs no hook; see {@link ProcessActor} for what to do about it.
 */
final class ChildProcesses {
    /** How long the shutdown hook waits after SIGTERM before it sends SIGKILL. */
    static final Duration HOOK_GRACE = Duration.ofSeconds(1);

    /** A registered process: owned by an actor of a group's leak-check window (null when run outside a group). */
    record Entry(ProcessHandle handle, String command, ProcessLeakCheck.Window window, String actor) {
    }

    private static final ConcurrentHashMap<ProcessHandle, Entry> LIVE = new ConcurrentHashMap<>();
    /** Guarded by {@code ChildProcesses.class}. */
    private static boolean hookInstalled;

    private ChildProcesses() {
    }

    static void register(Entry entry) {
        installHook();
        LIVE.put(entry.handle(), entry);
    }

    static void unregister(ProcessHandle handle) {
        LIVE.remove(handle);
    }

    static boolean isRegistered(ProcessHandle handle) {
        return LIVE.containsKey(handle);
    }

    static Collection<Entry> entries() {
        return new ArrayList<>(LIVE.values());
    }

    static int size() {
        return LIVE.size();
    }

    private static synchronized void installHook() {
        if (hookInstalled) {
            return;
        }
        // made in the top thread group: a thread made here would otherwise belong to the calling actor's group
        ThreadGroup top = Threads.top(Thread.currentThread().getThreadGroup());
        Thread hook = new Thread(top, ChildProcesses::killAll, "runstop-child-processes-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        hookInstalled = true;
    }

    /** SIGTERM to every registered tree, then SIGKILL to what is left after the grace. */
    static void killAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Entry e : LIVE.values()) {
            if (e.handle().isAlive()) {
                all = ProcessTree.union(all, ProcessTree.snapshot(e.handle()));
            }
        }
        if (all.isEmpty()) {
            return;
        }
        ProcessTree.terminate(all);
        if (!ProcessTree.awaitGone(all, System.nanoTime() + HOOK_GRACE.toNanos())) {
            ProcessTree.kill(all);
            ProcessTree.awaitGone(all, System.nanoTime() + HOOK_GRACE.toNanos());
        }
    }
}
