package dev.runstop;

import static dev.runstop.Fixtures.LONG;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process leak check: a child an actor started with a plain {@link ProcessBuilder} and left alive
 * is named with its pid, command and actor; a child of someone else is not blamed on the group.
 */
class ProcessLeakCheckTest {
    private final List<Process> toKill = new ArrayList<>();

    @BeforeAll
    static void recordProcessStarts() {
        assertThat(ProcessStarts.record()).as("this JDK records jdk.ProcessStart").isTrue();
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (Process p : toKill) {
            p.destroyForcibly();
            assertThat(p.waitFor(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }
    }

    private Process start(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).start();
        toKill.add(p);
        return p;
    }

    @Test
    void theNaiveServiceWrappingOfAChildThatIgnoresSigtermIsUncleanAndNamesTheChild() throws Exception {
        Process[] child = new Process[1];
        Group group = group("naive");
        group.add("svc", Actors.service(() -> child[0] = start("trap '' TERM; exec sleep 1000"), () -> child[0].destroy()));
        StopReport report;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            report = running.stopAndAwait("test done");
        } catch (GroupFailedException expected) {
            report = expected.report();
        }
        assertThat(child[0].isAlive()).as("the child ignored SIGTERM").isTrue();

        assertThat(report.clean()).isFalse();
        List<LeakedProcess> leaked = report.actor("svc").leakedProcesses();
        assertThat(leaked).hasSize(1);
        LeakedProcess p = leaked.get(0);
        assertThat(p.pid()).isEqualTo(child[0].pid());
        assertThat(p.command()).contains("sleep", "1000");
        assertThat(p.actor()).contains("svc");
        assertThat(p.startedBy()).startsWith("started on thread 'naive/svc' at dev.runstop.ProcessLeakCheckTest.");
        assertThat(report.problems()).extracting(ActorException::problem).containsExactly(ActorException.Problem.PROCESS_LEAKED);
        assertThat(report.problems().get(0)).hasMessageStartingWith("actor 'svc' leaked process " + p.pid() + " `");
        assertThat(report.toString()).contains("NOT clean: 1 process leaked", "process leaked by 'svc': pid " + p.pid() + " `");
        assertThat(report.unattributedProcesses()).isEmpty();
    }

    @Test
    void aChildThatEndsOnSigtermLeavesTheNaiveServiceClean() throws Exception {
        Process[] child = new Process[1];
        Group group = group("naive-ok");
        group.add("svc", Actors.service(() -> child[0] = start("exec sleep 1000"), () -> child[0].destroy()));
        StopReport report;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            report = running.stopAndAwait("test done");
        }
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(report.actor("svc").leakedProcesses()).isEmpty();
    }

    @Test
    void aChildStartedByTheTestThreadWhileTheGroupRunsIsNotBlamedOnTheGroup() throws Exception {
        Group group = group("bystander");
        group.add("idle", Fixtures.untilStopped());
        StopReport report;
        Process mine;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            mine = start("exec sleep 1000");
            report = running.stopAndAwait("test done");
        }
        assertThat(mine.isAlive()).isTrue();
        assertThat(report.clean()).as("%s", report).isTrue();
        assertThat(report.unattributedProcesses()).isEmpty();
        assertThat(report.toString()).doesNotContain(String.valueOf(mine.pid()));
    }

    @Test
    void aChildStartedOnAThreadOfTheActorsFactoryIsBlamedOnTheActor() throws Exception {
        Process[] child = new Process[1];
        Group group = group("factory");
        group.add("spawner", ctx -> {
            Thread t = ctx.threadFactory().newThread(() -> {
                try {
                    child[0] = start("trap '' TERM; exec sleep 1000");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            t.join();
            ctx.awaitStop();
        });
        StopReport report;
        try (RunningGroup running = group.start()) {
            running.awaitReady(LONG);
            report = running.stopAndAwait("test done");
        } catch (GroupFailedException expected) {
            report = expected.report();
        }
        assertThat(report.actor("spawner").leakedProcesses()).extracting(LeakedProcess::pid).containsExactly(child[0].pid());
        assertThat(report.actor("spawner").leakedProcesses().get(0).startedBy()).startsWith("started on thread 'factory/spawner/1'");
    }
}
