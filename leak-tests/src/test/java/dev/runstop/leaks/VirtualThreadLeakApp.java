package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import org.junit.jupiter.api.Test;

/** Planted leak, Java 21+: a virtual thread an actor started and left running. */
@RunstopTest(factoryMethod = "app")
public class VirtualThreadLeakApp {
    static Group app() {
        return new Group("virtual-leak").add("fanout", ctx -> {
            startVirtual("vt-fanout", VirtualThreadLeakApp::waitForever);
            ctx.awaitStop();
        });
    }

    static void waitForever() {
        Planted.park();
    }

    /** {@code Thread.ofVirtual().name(name).start(task)}, called reflectively: this module compiles for Java 17. */
    static void startVirtual(String name, Runnable task) throws Exception {
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object b = Thread.class.getMethod("ofVirtual").invoke(null);
        b = builder.getMethod("name", String.class).invoke(b, name);
        builder.getMethod("start", Runnable.class).invoke(b, task);
    }

    @Test
    void works() {
    }
}
