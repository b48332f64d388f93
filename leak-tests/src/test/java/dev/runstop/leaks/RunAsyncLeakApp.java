package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Planted leak: {@code CompletableFuture.runAsync} work left running. With fewer than 3 CPUs it runs on a
 * thread of its own, else on the common pool: the leak must be found either way.
 */
@RunstopTest(factoryMethod = "app")
public class RunAsyncLeakApp {
    static Group app() {
        return new Group("run-async-leak").add("reports", ctx -> {
            CompletableFuture.runAsync(RunAsyncLeakApp::refreshForever);
            ctx.awaitStop();
        });
    }

    static void refreshForever() {
        Planted.park();
    }

    @Test
    void works() {
    }
}
