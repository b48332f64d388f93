package dev.runstop;

import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole JVMs as children: the shutdown hook on SIGTERM, and the leak check of a JVM that records nothing. */
class ChildJvmTest {
    private static final Duration JVM_START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<ProcessHandle> toKill = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        toKill.forEach(ProcessHandle::destroyForcibly);
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "target/classes" + java.io.File.pathSeparator + "target/test-classes", ChildJvmMain.class.getName()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command);
    }

    @Test
    void aJvmThatGetsSigtermLeavesNoChildEvenOneIgnoringSigterm() throws Exception {
        Path pidFile = dir.resolve("pids");
        ProcessActor jvm = Actors.process(java("hold", pidFile.toString())).readyOnLine("^ready$").build();
        Group group = group("outer").stopDeadline(Duration.ofSeconds(10));
        group.add("jvm", jvm);
        RunningGroup running = group.start();
        running.awaitReady(JVM_START);
        List<ProcessHandle> tree = new ArrayList<>();
        for (String pid : Files.readString(pidFile).trim().split(" ")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(tree::add);
        }
        toKill.addAll(tree);
        assertThat(tree).hasSize(2); // the shell and its sleep, both ignoring SIGTERM
        assertThat(ProcessTree.alive(tree)).hasSize(2);

        ProcessHandle.of(jvm.pid().orElseThrow()).orElseThrow().destroy(); // SIGTERM to the JVM only, not its tree
        StopReport report = Fixtures.awaitReport(running);

        // the child JVM ended by itself (not stopped by this group): exit code 143, a failure naming the signal
        ProcessExitException exit = (ProcessExitException) report.actor("jvm").error().orElseThrow();
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(exit.signal()).contains("SIGTERM");
        assertThat(ProcessTree.alive(tree)).as("the shutdown hook of the child JVM killed its tree").isEmpty();
    }

    @Test
    void withoutRecordedStartsTheNaiveServicesChildIsListedUnattributedAndNotBlamed() throws Exception {
        Path out = dir.resolve("out.txt");
        Process naive = java("naive").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        toKill.add(naive.toHandle());
        assertThat(naive.waitFor(JVM_START.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(out);
        assertThat(naive.exitValue()).as(output).isZero();
        String pid = output.lines().filter(l -> l.startsWith("child ")).findFirst().orElseThrow().substring(6);
        assertThat(output).contains("group 'naive' stopped because stop requested: done", ", clean")
                .contains("live child process, unattributed: pid " + pid + " `")
                .contains("which thread started it is known only with ProcessStarts.record()");
    }
}
