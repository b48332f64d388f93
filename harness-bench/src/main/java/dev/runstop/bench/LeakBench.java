package dev.runstop.bench;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code leaks}: what the thread leak check costs per stop. A group of 4 actors, each of which starts a
 * helper thread and a 2-thread pool that it ends on stop, is started, made ready and stopped; with the
 * check on (the default), and on with creation sites ({@code leakOrigins}), against the same group with
 * the check off ({@code leakCheck(Duration.ZERO)}). The JVM holds 100 other idle threads, as a test JVM
 * with a few pools would: the check looks at every live thread of the JVM. Creation sites are measured
 * last, since their JFR recording stays on for the rest of the JVM's life.
 */
final class LeakBench implements Benchmark {
    private static final int ACTORS = 4;
    private static final int BACKGROUND_THREADS = 100;
    /** Target for attribution: the check costs at most this much per group. */
    static final double TARGET_MICROS = 1000;

    @Override
    public String name() {
        return "leaks";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        int cycles = switch (run.mode) {
            case SMOKE -> 5;
            case QUICK -> 60;
            case FULL -> 300;
        };
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> background = new ArrayList<>();
        for (int i = 0; i < BACKGROUND_THREADS; i++) {
            Thread t = new Thread(() -> await(end), "bench/leaks-idle-" + i);
            t.setDaemon(true);
            t.start();
            background.add(t);
        }
        try {
            AbRunner.Comparison on = AbRunner.compare(run.mode, () -> perStop(cycles, Check.ON), () -> perStop(cycles, Check.OFF));
            run.add(Result.of("leaks", "check on vs off; " + ACTORS + " actors; jvm-threads~" + (BACKGROUND_THREADS + 20), on, 1000, "µs/stop"));
            // from the median of the per-round ratios, which the load of a shared machine moves less than the medians
            double attribution = (on.ratio() - 1) * on.baseline() / 1000;
            // a difference of two noisy times: stated with the target, not as a row of its own (it can come out below zero)
            run.target(String.format(Locale.ROOT, "leaks: the check adds %.0f µs per stop%s, target at most %.0f µs", attribution,
                    attribution <= 0 ? " (within noise: not measurably slower)" : "", TARGET_MICROS), attribution <= TARGET_MICROS);

            perStop(1, Check.ORIGINS); // starts the JFR recording once, outside the measurement
            AbRunner.Comparison origins = AbRunner.compare(run.mode, () -> perStop(cycles, Check.ORIGINS),
                    () -> perStop(cycles, Check.OFF));
            run.add(Result.of("leaks", "check with creation sites vs off", origins, 1000, "µs/stop"));
            run.note(String.format(Locale.ROOT, "leaks: with creation sites the stop costs %.2fx the stop without the check"
                    + " (the check alone: %.2fx), plus about half a second once per JVM to start the JFR recording",
                    origins.ratio(), on.ratio()));
        } finally {
            end.countDown();
            for (Thread t : background) {
                t.join(10_000);
            }
        }
    }

    private enum Check { OFF, ON, ORIGINS }

    /** @return nanoseconds per start-ready-stop cycle */
    private static double perStop(int cycles, Check check) throws Exception {
        long start = System.nanoTime();
        for (int c = 0; c < cycles; c++) {
            Group group = new Group("bench-leaks").osSignals(false);
            if (check == Check.OFF) {
                group.leakCheck(Duration.ZERO);
            } else if (check == Check.ORIGINS) {
                group.leakOrigins(true);
            }
            for (int a = 0; a < ACTORS; a++) {
                group.add("a" + a, ctx -> {
                    CountDownLatch stopped = new CountDownLatch(1);
                    Thread helper = new Thread(() -> await(stopped), "helper");
                    helper.start();
                    ExecutorService pool = Executors.newFixedThreadPool(2);
                    pool.submit(() -> { }).get();
                    try {
                        ctx.awaitStop();
                    } finally {
                        stopped.countDown();
                        pool.shutdownNow();
                        pool.awaitTermination(10, TimeUnit.SECONDS);
                        helper.join();
                    }
                });
            }
            RunningGroup running = group.start().awaitReady(Duration.ofSeconds(10));
            if (!running.stopAndAwait("bench").clean()) {
                throw new IllegalStateException("bench group did not stop clean: " + running.report().orElseThrow());
            }
        }
        return (double) (System.nanoTime() - start) / cycles;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
