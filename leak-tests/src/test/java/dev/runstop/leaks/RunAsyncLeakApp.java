package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Planted leak: {@code CompletableFuture.runAsync} work left running. Before Java 25 with fewer than 3 CPUs
 * it runs on a thread of its own, else on the common pool: the leak must be found either way.
 */
@RunstopTest(factoryMethod = "app")
public class RunAsyncLeakApp {
    static Group app() {
        return new Group("run-async-leak").add("reports", ctx -> {
            CompletableFuture.runAsync(RunAsyncLeakApp::refreshForever);
            ctx.awaitStop();
        });
    }

    /** Released as soon as the test has looked at the leak: a blocked common-pool worker holds up others' work. */
    static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

    static void refreshForever() {
        try {
            RELEASE.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void works() {
    }
}
