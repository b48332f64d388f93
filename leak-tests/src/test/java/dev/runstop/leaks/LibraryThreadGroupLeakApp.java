package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;

/** Planted leak: a "library" makes a thread group of its own under the root group, and a thread in it that never ends. */
@RunstopTest(factoryMethod = "app")
public class LibraryThreadGroupLeakApp {
    static Group app() {
        return new Group("lib-group-leak").add("client", ctx -> {
            VendorLibrary.connect();
            ctx.awaitStop();
        });
    }

    /** Stands for a library: its own thread group, under the root. */
    static final class VendorLibrary {
        private VendorLibrary() {
        }

        static void connect() {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            Thread poller = new Thread(new ThreadGroup(root, "vendor"), Planted::park, "vendor-poller");
            poller.setDaemon(true);
            poller.start();
        }
    }

    @Test
    void works() {
    }
}
