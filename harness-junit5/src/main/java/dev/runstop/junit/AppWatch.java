package dev.runstop.junit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one daemon thread of the JVM that looks, every {@value #POLL_MILLIS} ms, whether an app that a test
 * is running against has begun to stop, so the test is interrupted at once and not only when the group has
 * terminated (which may wait for a straggler's stop deadline). It polls only while some test runs.
 */
final class AppWatch {
    static final long POLL_MILLIS = 20;

    private static final Object LOCK = new Object();
    /** Apps with at least one test running now; guarded by {@link #LOCK}. */
    private static final Set<AppInstance> WATCHED = new LinkedHashSet<>();
    /** Guarded by {@link #LOCK}. */
    private static Thread thread;

    private AppWatch() {
    }

    /** Watches the app until {@link #unwatch} (called when its last running test ends). */
    static void watch(AppInstance app) {
        synchronized (LOCK) {
            WATCHED.add(app);
            if (thread == null) {
                thread = new Thread(AppWatch::loop, "runstop-app-watch");
                thread.setDaemon(true);
                thread.start();
            }
            LOCK.notifyAll();
        }
    }

    static void unwatch(AppInstance app) {
        synchronized (LOCK) {
            WATCHED.remove(app);
        }
    }

    private static void loop() {
        try {
            while (true) {
                List<AppInstance> apps;
                synchronized (LOCK) {
                    while (WATCHED.isEmpty()) {
                        LOCK.wait();
                    }
                    apps = List.copyOf(WATCHED);
                }
                for (AppInstance app : apps) {
                    try {
                        app.noticeStop();
                    } catch (RuntimeException e) {
                        // a logging failure must not end the watch of every other app
                    }
                }
                synchronized (LOCK) {
                    LOCK.wait(POLL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            synchronized (LOCK) {
                thread = null;
            }
        }
    }
}
