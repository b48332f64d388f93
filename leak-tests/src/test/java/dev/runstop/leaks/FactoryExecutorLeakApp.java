package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** Planted leak: an executor made (and started) in the app factory, before the group starts, never shut down. */
@RunstopTest(factoryMethod = "app")
public class FactoryExecutorLeakApp {
    static Group app() {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        ((ThreadPoolExecutor) pool).prestartCoreThread();
        return new Group("factory-leak").add("worker", ctx -> {
            pool.submit(() -> { }).get();
            ctx.awaitStop();
        });
    }

    @Test
    void works() {
    }
}
