package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.RunningGroup;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the extension gives each test method an app of its own. */
class PerMethodIsolationTest {
    private static final AtomicReference<RunningGroup> PREVIOUS = new AtomicReference<>();

    @RegisterExtension
    final RunstopExtension app = RunstopExtension.forApp(() -> ExampleApp.group(Config.defaults().httpPort(0)))
            .stopDeadline(Duration.ofSeconds(2));

    @Test
    void firstTestSeesAFreshMachineAndUnlocksIt(@Port("http") int port, @Handle TurnstileMachine machine, RunningGroup group)
            throws Exception {
        assertFreshAppThenUnlock(port, machine, group);
    }

    @Test
    void secondTestSeesAFreshMachineAndUnlocksIt(@Port("http") int port, @Handle TurnstileMachine machine, RunningGroup group)
            throws Exception {
        assertFreshAppThenUnlock(port, machine, group);
    }

    private static void assertFreshAppThenUnlock(int port, TurnstileMachine machine, RunningGroup group) throws Exception {
        assertThat(Http.get(port, "/state").body()).isEqualTo("{\"state\":\"locked\"}\n");
        assertThat(machine.metrics().processed()).isZero();
        assertThat(Http.get(port, "/metrics").body()).contains("\"accepted\":0,\"rejected\":0,");

        assertThat(Http.event(port, "coin").status()).isEqualTo(200);
        assertThat(machine.state()).isEqualTo(TurnstileState.UNLOCKED);

        RunningGroup previous = PREVIOUS.getAndSet(group);
        if (previous != null) {
            assertThat(previous).as("the other test's app").isNotSameAs(group);
            assertThat(previous.report()).as("the other test's app has stopped").isPresent();
        }
    }
}
