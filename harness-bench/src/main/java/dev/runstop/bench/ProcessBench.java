package dev.runstop.bench;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code process}: one child process started, made ready and stopped. Ours: a group with one
 * {@code Actors.process} actor, ready by a log line, stopped by the group (SIGTERM to the tree, the tail,
 * the report and the process leak check included). The baseline: the same by hand, as a careful user
 * writes it: {@code ProcessBuilder.start}, a thread that reads stdout until the ready line and then
 * drains it, {@code destroy}, {@code waitFor}, join the reader.
 */
final class ProcessBench implements Benchmark {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        long roundNanos = run.mode.roundMillis * 1_000_000L;
        String[][] commands = {
            {"sh", "-c", "echo ready; exec sleep 1000"},
            {"sh", "-c", "sleep 1000 & echo ready; wait"},
        };
        String[] labels = {"sleep (1 process)", "sh+sleep (tree of 2)"};
        for (int i = 0; i < commands.length; i++) {
            String[] command = commands[i];
            AbRunner.Comparison c = AbRunner.compare(run.mode.warmupRounds, Math.min(run.mode.rounds, run.shortRun() ? 5 : 10),
                    () -> AbRunner.repeat(roundNanos, 1, () -> ours(command)),
                    () -> AbRunner.repeat(roundNanos, 1, () -> baseline(command)));
            run.add(Result.of("process", "start+ready+stop " + labels[i], c, 1e6, "ms/cycle"));
        }
    }

    /** One cycle through the adapter. */
    static void ours(String[] command) throws Exception {
        Group group = new Group("bench-process").osSignals(false);
        group.add("child", Actors.process(new ProcessBuilder(command)).readyOnLine("^ready$").build());
        RunningGroup running = group.start();
        running.awaitReady(WAIT);
        StopReport report = running.stopAndAwait("bench");
        if (!report.clean()) {
            throw new IllegalStateException("unclean stop in the benchmark: " + report);
        }
    }

    /** One cycle by hand. */
    static void baseline(String[] command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the stream closes as the process ends
            }
        }, "baseline-reader");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the baseline process printed no ready line");
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the baseline process did not end");
        }
        reader.join(WAIT.toMillis());
    }
}
