package dev.runstop.leaks;

import dev.runstop.Group;
import dev.runstop.junit.RunstopTest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fourteen small clean apps that start threads and stop them: fixtures for the one-leak-among-twenty run. */
final class CleanApps {
    private CleanApps() {
    }

    /** A pool shut down on stop. */
    static Group pooled(String name) {
        return new Group(name).add("pool", ctx -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                pool.submit(() -> { }).get();
                ctx.awaitStop();
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        });
    }

    /** A helper thread that ends when the actor stops. */
    static Group helper(String name) {
        return new Group(name).add("main", ctx -> {
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            Thread helper = new Thread(() -> {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name + "-helper");
            helper.start();
            try {
                ctx.awaitStop();
            } finally {
                stopped.countDown();
                helper.join();
            }
        });
    }

    @RunstopTest(factoryMethod = "app")
    static class App01 {
        static Group app() {
            return pooled("clean-01");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App02 {
        static Group app() {
            return helper("clean-02");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App03 {
        static Group app() {
            return pooled("clean-03");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App04 {
        static Group app() {
            return helper("clean-04");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App05 {
        static Group app() {
            return pooled("clean-05");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App06 {
        static Group app() {
            return helper("clean-06");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App07 {
        static Group app() {
            return pooled("clean-07");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App08 {
        static Group app() {
            return helper("clean-08");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App09 {
        static Group app() {
            return pooled("clean-09");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App10 {
        static Group app() {
            return helper("clean-10");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App11 {
        static Group app() {
            return pooled("clean-11");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App12 {
        static Group app() {
            return helper("clean-12");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App13 {
        static Group app() {
            return pooled("clean-13");
        }

        @Test
        void runs() {
        }
    }

    @RunstopTest(factoryMethod = "app")
    static class App14 {
        static Group app() {
            return helper("clean-14");
        }

        @Test
        void runs() {
        }
    }
}
