package dev.runstop.bench;

import dev.runstop.Actor;
import dev.runstop.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

/**
 * {@code cycle}: start to stop of a group of N actors, each blocking until it is stopped except one that
 * returns at once and so ends the group; against N plain threads and a {@link CountDownLatch}.
 */
final class CycleBench implements Benchmark {
    private static final Actor.Body RETURNS = ctx -> { };
    private static final Actor.Body AWAITS_STOP = ctx -> ctx.awaitStop();

    /** Per-actor target on virtual threads at N = 10,000, in microseconds. */
    static final double VIRTUAL_TARGET_MICROS_PER_ACTOR = 3.0;
    /** Ratio target on platform threads. */
    static final double PLATFORM_TARGET_RATIO = 1.2;

    @Override
    public String name() {
        return "cycle";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        List<Integer> platformSizes = run.mode == Mode.SMOKE ? List.of(10) : List.of(10, 100, 1000);
        for (int n : platformSizes) {
            measure(run, ThreadKind.PLATFORM, n);
        }
        if (!ThreadKind.virtualAvailable()) {
            run.note("cycle on virtual threads left out: this JVM is Java " + Runtime.version().feature()
                    + "; virtual threads need Java 21 or later");
            return;
        }
        List<Integer> virtualSizes = switch (run.mode) {
            case SMOKE -> List.of(10);
            case QUICK -> List.of(10, 100, 1000, 10_000);
            case FULL -> List.of(10, 100, 1000, 10_000, 100_000);
        };
        for (int n : virtualSizes) {
            measure(run, ThreadKind.VIRTUAL, n);
        }
        if (run.mode == Mode.QUICK) {
            run.note("cycle on virtual threads capped at N = 10000 in quick mode; the full run goes to 100000");
        }
    }

    private static void measure(BenchRun run, ThreadKind kind, int n) throws Exception {
        long roundNanos = run.mode.roundMillis * 1_000_000L;
        int warmup = n >= 10_000 ? Math.min(1, run.mode.warmupRounds) : run.mode.warmupRounds;
        int rounds = n >= 100_000 ? Math.min(5, run.mode.rounds) : run.mode.rounds;
        AbRunner.Comparison c = AbRunner.compare(warmup, rounds,
                () -> AbRunner.repeat(roundNanos, 1, () -> ours(kind, n)),
                () -> AbRunner.repeat(roundNanos, 1, () -> baseline(kind, n)));
        String params = kind.label() + " n=" + n;
        run.add(Result.of("cycle", params, c, 1e3, "us/cycle"));
        if (kind == ThreadKind.VIRTUAL && n >= 10_000) {
            double perActor = c.ours() / 1e3 / n;
            run.add(Result.of("cycle", params + " per-actor", c, 1e3 * n, "us/actor"));
            if (n == 10_000) {
                run.target(String.format(java.util.Locale.ROOT, "cycle virtual n=10000: %.2f us per actor, target <= %.0f us",
                        perActor, VIRTUAL_TARGET_MICROS_PER_ACTOR), perActor <= VIRTUAL_TARGET_MICROS_PER_ACTOR);
            }
        }
        if (kind == ThreadKind.PLATFORM) {
            double ratio = c.ratio();
            run.target(String.format(java.util.Locale.ROOT, "cycle platform n=%d: ratio %.2f, target <= %.1f", n, ratio,
                    PLATFORM_TARGET_RATIO), ratio <= PLATFORM_TARGET_RATIO);
        }
    }

    /** One cycle of ours: a group of n actors, the first returns at once, the others await their stop. */
    static void ours(ThreadKind kind, int n) {
        Group group = new Group("cycle");
        if (kind == ThreadKind.VIRTUAL) {
            group.virtualThreads(true);
        }
        group.add("a0", RETURNS);
        for (int i = 1; i < n; i++) {
            group.add("a" + i, AWAITS_STOP);
        }
        group.run();
    }

    /**
     * One cycle of the baseline: n threads, the first returns at once; whichever returns first opens the
     * latch all the others wait on; the caller joins them all.
     */
    static void baseline(ThreadKind kind, int n) throws InterruptedException {
        ThreadFactory threads = kind.factory("baseline/a");
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>(n);
        started.add(threads.newThread(stop::countDown));
        Runnable awaitsStop = () -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop.countDown();
        };
        for (int i = 1; i < n; i++) {
            started.add(threads.newThread(awaitsStop));
        }
        for (Thread t : started) {
            t.start();
        }
        for (Thread t : started) {
            t.join();
        }
    }
}
