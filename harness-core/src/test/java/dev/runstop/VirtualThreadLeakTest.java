package dev.runstop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** On Java 21+, a virtual thread an actor started and left running is that actor's leak; one that ends is not. */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadLeakTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void aVirtualThreadLeftRunningIsReportedAgainstTheActorThatStartedIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try {
            Group group = new Group("vt").osSignals(false).leakCheck(Duration.ofMillis(100));
            group.add("client", ctx -> {
                Threads.virtual("vt-poller", () -> Poller.blockOn(never)).start();
                ctx.awaitStop();
            });
            StopReport report = runAndStop(group);

            assertThat(report.actor("client").leakedThreads()).singleElement().satisfies(t -> {
                assertThat(t.threadName()).isEqualTo("vt-poller");
                assertThat(t.note()).hasValueSatisfying(n -> assertThat(n)
                        .startsWith("virtual thread running this actor's code at dev.runstop.VirtualThreadLeakTest$Poller.blockOn(VirtualThreadLeakTest.java:"));
            });
            assertThat(report.problems().get(0).getMessage()).startsWith("actor 'client' leaked thread 'vt-poller' (virtual thread");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aVirtualThreadThatEndsOnStopIsNotBlamed() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Group group = new Group("vt-clean").osSignals(false).leakCheck(Duration.ofSeconds(5));
        group.add("client", Actors.of(ctx -> {
            Thread vt = Threads.virtual("vt-worker", () -> Poller.blockOn(stopped));
            vt.start();
            ctx.awaitStop();
            vt.join();
        }, cause -> stopped.countDown()));
        StopReport report = runAndStop(group);
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    static final class Poller {
        private Poller() {
        }

        static void blockOn(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static StopReport runAndStop(Group group) throws InterruptedException {
        RunningGroup running = group.start().awaitReady(LONG);
        running.stop("test done");
        return running.awaitTermination(LONG).orElseThrow();
    }
}
