package dev.runstop.bench;

import dev.runstop.Group;
import dev.runstop.GroupFailedException;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code diagnosis}: what naming a failure costs. Ours: a cycle of a two-actor group in which one actor
 * fails, its failure's first line built (the phase and the user's frame found in the error's stack, the
 * report's problems and the deadlock check among stuck threads). The baseline: the same cycle in which
 * that actor returns, and the clean report read. The difference is the price of a failure's message.
 */
final class DiagnosisBench implements Benchmark {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "diagnosis";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        long roundNanos = run.mode.roundMillis * 1_000_000L;
        AbRunner.Comparison c = AbRunner.compare(run.mode,
                () -> AbRunner.repeat(roundNanos, 20, () -> cycle(true)),
                () -> AbRunner.repeat(roundNanos, 20, () -> cycle(false)));
        run.add(Result.of("diagnosis", "failed cycle + first line vs clean cycle", c, 1e6, "ms/cycle"));
    }

    static void cycle(boolean fail) throws Exception {
        RunningGroup running = new Group("bench-diagnosis").osSignals(false)
                .add("feed", ctx -> {
                    ctx.ready();
                    if (fail) {
                        throw new IOException("planted");
                    }
                })
                .add("web", ctx -> ctx.awaitStop())
                .start();
        StopReport report = running.awaitTermination(WAIT).orElseThrow(() -> new IllegalStateException("no report"));
        if (fail) {
            GroupFailedException failure = report.failure().orElseThrow(() -> new IllegalStateException("clean: " + report));
            String first = failure.getMessage().lines().findFirst().orElseThrow();
            if (!first.contains("DiagnosisBench")) {
                throw new IllegalStateException("the first line names no frame: " + first);
            }
        } else if (!report.clean()) {
            throw new IllegalStateException("unclean stop in the benchmark: " + report);
        }
    }
}
