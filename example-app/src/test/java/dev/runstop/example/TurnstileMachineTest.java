package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The machine as an actor: its contract, its queue, and its clients. */
class TurnstileMachineTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void stopBeforeRunMakesRunReturnAtOnceAndEventsFail() throws Exception {
        TurnstileMachine machine = new TurnstileMachine();
        machine.stop(new RuntimeException("early"));
        machine.stop(new RuntimeException("twice"));
        StopReport report = runAlone(machine);
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(machine.submit(TurnstileEvent.COIN)).failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(MachineStoppedException.class)
                .withMessage("the turnstile machine has stopped: event 'coin' was not applied");
        machine.stop(new RuntimeException("after return"));
    }

    @Test
    void eventsQueuedBeforeStopAreAppliedInOrder() throws Exception {
        TurnstileMachine machine = new TurnstileMachine();
        RunningGroup group = new Group("machine-test").add("machine", machine).osSignals(false).start();
        try {
            group.awaitReady(WAIT);
            CompletableFuture<Transition> coin = machine.submit(TurnstileEvent.COIN);
            CompletableFuture<Transition> push = machine.submit(TurnstileEvent.PUSH);
            CompletableFuture<Transition> again = machine.submit(TurnstileEvent.PUSH);
            StopReport report = group.stopAndAwait("test finished");
            assertThat(report.clean()).isTrue();
            assertThat(coin.get(10, TimeUnit.SECONDS).to()).isEqualTo(TurnstileState.UNLOCKED);
            assertThat(push.get(10, TimeUnit.SECONDS).to()).isEqualTo(TurnstileState.LOCKED);
            assertThat(again.get(10, TimeUnit.SECONDS).to()).isEqualTo(TurnstileState.ALARM);
            assertThat(machine.metrics().acceptedByEvent()).containsEntry(TurnstileEvent.PUSH, 2L).containsEntry(TurnstileEvent.COIN, 1L);
        } finally {
            group.stopAndAwait("test finished");
        }
    }

    @Test
    void anAttachedClientKeepsTheLoopRunningAfterStopUntilItDetaches() throws Exception {
        TurnstileMachine machine = new TurnstileMachine();
        RunningGroup group = new Group("machine-test").add("machine", machine).osSignals(false).start();
        try {
            group.awaitReady(WAIT);
            TurnstileMachine.Attachment client = machine.attach();
            group.stop("test stops the machine");

            assertThat(machine.submit(TurnstileEvent.COIN)).as("a client still attached is served")
                    .succeedsWithin(WAIT).extracting(Transition::to).isEqualTo(TurnstileState.UNLOCKED);
            assertThat(group.report()).isEmpty();

            client.close();
            client.close();
            StopReport report = group.awaitTermination(WAIT).orElseThrow();
            assertThat(report.clean()).as("%s", report).isTrue();
            assertThat(machine.submit(TurnstileEvent.PUSH)).failsWithin(WAIT);
        } finally {
            group.stopAndAwait("test finished");
        }
    }

    private static StopReport runAlone(TurnstileMachine machine) throws InterruptedException {
        RunningGroup group = new Group("machine-test").add("machine", machine).osSignals(false).start();
        return group.awaitTermination(WAIT).orElseThrow();
    }
}
