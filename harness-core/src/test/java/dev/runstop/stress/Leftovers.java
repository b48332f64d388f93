package dev.runstop.stress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the buggy corpus actors leave behind on purpose (stuck threads, open sockets), released when a test
 * ends so that one test's stragglers do not load the next.
 */
final class Leftovers implements AutoCloseable {
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    void track(Thread thread) {
        threads.add(thread);
    }

    void track(AutoCloseable resource) {
        resources.add(resource);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
