package dev.runstop.readme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import dev.runstop.junit.RunstopTest;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The README's test that stops the app on purpose, last. */
@RunstopTest(factoryMethod = "app")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StopOnSigtermTest {
    static Group app() {
        return Shop.group(Config.forTests());
    }

    @Test
    @Order(1)
    void runs(RunningGroup app) {
        assertThat(app.handles().port("http")).isPositive();
    }

    @Test
    @Order(99) // with one app per class, tests after this one find the app stopped and fail fast
    void stopsCleanlyOnSigterm(RunningGroup app) throws Exception {
        app.signal("TERM");
        StopReport report = app.awaitTermination(Duration.ofSeconds(10)).orElseThrow();
        assertThat(report.cause().kind()).isEqualTo(StopCause.Kind.SIGNAL);
        assertThat(report.clean()).as("%s", report).isTrue();
    }
}
