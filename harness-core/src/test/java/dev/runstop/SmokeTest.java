package dev.runstop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        Group g = new Group("app").stopDeadline(Duration.ofMillis(200));
        CountDownLatch never = new CountDownLatch(1);
        g.add("good", Actors.interruptible(ctx -> { ctx.publishPort("http", 8080); Thread.sleep(100000); }));
        g.add("stuck", ctx -> { while (true) { try { never.await(); } catch (InterruptedException e) { } } });
        g.add("sig", Actors.signals("TERM"));
        g.osSignals(false);
        RunningGroup r = g.start().awaitReady(Duration.ofSeconds(5));
        assertThat(r.handles().port("http")).isEqualTo(8080);
        r.signal("SIGTERM");
        StopReport rep = r.awaitTermination(Duration.ofSeconds(5)).orElseThrow();
        System.out.println(rep);
        System.out.println(rep.timeline());
        rep.failure().ifPresent(Throwable::printStackTrace);
        assertThat(rep.stragglers()).hasSize(1);
    }
}
