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
        // virtual threads first: the platform rows' warm-up leaves a heap on which both variants of the
        // virtual rows run several times slower
        if (ThreadKind.virtualAvailable()) {
            measureVirtual(run);
        } else {
            run.note("cycle on virtual threads left out: this JVM is Java " + Runtime.version().feature()
                    + "; virtual threads need Java 21 or later");
        }
        List<Integer> platformSizes = run.mode == Mode.SMOKE ? List.of(10) : List.of(10, 100, 1000);
        for (int n : platformSizes) {
            measure(run, ThreadKind.PLATFORM, n);
        }
    }

    private static void measureVirtual(BenchRun run) throws Exception {
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

    /** Actors to run through the runtime before measuring, so that its per-actor code runs compiled, as in a long suite. */
    static final int JIT_WARMUP_ACTORS = 20_000;
    /** The most time that warm-up may take per size. */
    static final long JIT_WARMUP_MAX_NANOS = 4_000_000_000L;

    private static void measure(BenchRun run, ThreadKind kind, int n) throws Exception {
        long roundNanos = run.mode.roundMillis * 1_000_000L;
        if (run.mode != Mode.SMOKE && kind == ThreadKind.PLATFORM) { // warming the virtual rows slows the platform rows after them
            warmUp(kind, n);
        }
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

    /**
     * Runs cycles of ours and of the baseline, one each in turn, until {@link #JIT_WARMUP_ACTORS} actors ran
     * or {@link #JIT_WARMUP_MAX_NANOS} passed: the mode's warm-up rounds alone (a few hundred milliseconds)
     * leave the runtime's per-actor code interpreted at small N, and the JIT's compiler threads then share
     * the two cores with the measured rounds.
     */
    private static void warmUp(ThreadKind kind, int n) throws InterruptedException {
        long until = System.nanoTime() + JIT_WARMUP_MAX_NANOS;
        for (int actors = 0; actors < JIT_WARMUP_ACTORS && System.nanoTime() - until < 0; actors += n) {
            ours(kind, n);
            baseline(kind, n);
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
