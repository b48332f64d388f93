package dev.runstop.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The Java blocks of the leak detection section, compiled and run. */
class LeakSnippetsTest {
    @Test
    void addingARule() throws Exception {
        Group group = new Group("app")
                .leakCheck(Duration.ofSeconds(1))                            // linger; Duration.ZERO turns the check off
                .sharedThreads(t -> t.getName().startsWith("OkHttp "));      // JVM-wide by design: listed, never blamed

        CountDownLatch release = new CountDownLatch(1);
        group.osSignals(false).add("client", ctx -> {
            Thread pool = new Thread(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "OkHttp ConnectionPool");
            pool.setDaemon(true);
            pool.start();
            ctx.awaitStop();
        });
        try {
            RunningGroup running = group.start().awaitReady(Duration.ofSeconds(10));
            StopReport report = running.stopAndAwait("done");
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.sharedThreads()).singleElement()
                    .satisfies(t -> assertThat(t.threadName()).isEqualTo("OkHttp ConnectionPool"));
        } finally {
            release.countDown();
        }
    }
}
