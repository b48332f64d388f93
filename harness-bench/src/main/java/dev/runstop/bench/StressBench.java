package dev.runstop.bench;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import dev.runstop.stress.LifecycleStress;
import dev.runstop.stress.StressMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code stress}: cycles per second of the lifecycle stress ({@link LifecycleStress}: every cycle perturbed
 * and checked) on a four-actor app, in PCT mode (the default), in random mode, and in PCT mode beside one
 * busy neighbour thread (a spinning thread that is not the app's), each against plain start &rarr; ready
 * &rarr; stop cycles of the same app with the same deadlines and checks but no schedule (the plain cycles run
 * without the neighbour). Higher is better: the ratio is the share of plain speed the stress keeps.
 */
final class StressBench implements Benchmark {

    @Override
    public String name() {
        return "stress";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        long roundNanos = run.mode == Mode.SMOKE ? 1 : run.mode.roundMillis * 2_000_000L;
        // A smoke run checks that the benchmark works, not timing: a stop deadline that a loaded build
        // machine cannot miss keeps it from failing for the machine's sake.
        Duration stopDeadline = run.mode == Mode.SMOKE ? Duration.ofSeconds(10) : Group.DEFAULT_STOP_DEADLINE;
        int warmup = run.mode == Mode.SMOKE ? 0 : run.mode.warmupRounds;
        int rounds = run.mode == Mode.SMOKE ? 1 : run.shortRun() ? 4 : run.mode.rounds;
        for (StressMode mode : StressMode.values()) {
            LifecycleStress stress = LifecycleStress.of(StressBench::fourActors).mode(mode).stopDeadline(stopDeadline);
            int[] cycle = {0};
            AbRunner.Comparison c = AbRunner.compare(warmup, rounds,
                    () -> 1e9 / AbRunner.repeat(roundNanos, 3, () -> stress.runCycle(cycle[0]++)),
                    () -> 1e9 / AbRunner.repeat(roundNanos, 3, () -> plainCycle(stopDeadline)));
            run.add(Result.of("stress", "actors=4 mode=" + mode, c, 1, "cycles/s"));
            run.note(String.format(Locale.ROOT, "stress %s: %.0f checked, perturbed cycles per second (%d cycles of seed %s run,"
                    + " all clean); plain cycles of the same app: %.0f per second", mode, c.ours(), cycle[0],
                    Long.toHexString(stress.seed()).toUpperCase(Locale.ROOT), c.baseline()));
        }
        LifecycleStress beside = LifecycleStress.of(StressBench::fourActors).stopDeadline(stopDeadline);
        int[] cycle = {0};
        AbRunner.Comparison n;
        AtomicBoolean spin = new AtomicBoolean();
        Thread neighbour = new Thread(() -> {
            while (true) {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
                synchronized (spin) {
                    try {
                        spin.wait(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "busy-neighbour");
        neighbour.setDaemon(true);
        neighbour.start();
        try {
            n = AbRunner.compare(warmup, rounds, () -> {
                spin.set(true);
                try {
                    return 1e9 / AbRunner.repeat(roundNanos, 3, () -> beside.runCycle(cycle[0]++));
                } finally {
                    spin.set(false);
                }
            }, () -> 1e9 / AbRunner.repeat(roundNanos, 3, () -> plainCycle(stopDeadline)));
        } finally {
            neighbour.interrupt();
        }
        run.add(Result.of("stress", "actors=4 mode=pct busy-neighbour=1", n, 1, "cycles/s"));
        run.note(String.format(Locale.ROOT, "stress pct beside one busy neighbour thread: %.0f cycles per second; plain cycles"
                + " (no neighbour): %.0f per second", n.ours(), n.baseline()));
    }

    /** One plain cycle of the app, with the stress mode's deadlines: start, wait until ready, stop, fail unless clean. */
    static void plainCycle(Duration stopDeadline) throws InterruptedException, IOException {
        Group group = fourActors().stopDeadline(stopDeadline).osSignals(false);
        RunningGroup running = group.start();
        running.awaitReady(LifecycleStress.DEFAULT_START_DEADLINE);
        StopReport report = running.stopAndAwait("plain cycle");
        if (!report.clean()) {
            throw report.failure().orElseThrow();
        }
    }

    /**
     * The app: four actors of the four usual shapes. {@code ticker} sleeps until interrupted;
     * {@code reader} blocks reading a pipe until the pipe is closed; {@code worker} is a service owning an
     * executor; {@code loop} waits for its stop.
     */
    static Group fourActors() throws IOException {
        Group group = new Group("four");
        group.add("ticker", Actors.interruptible(ctx -> {
            while (true) {
                Thread.sleep(1000);
            }
        }));
        Pipe pipe = Pipe.open();
        group.add("reader", Actors.closing(() -> {
            pipe.source().close();
            pipe.sink().close();
        }, ctx -> {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            while (pipe.source().read(buffer) >= 0) {
                buffer.clear();
            }
        }));
        AtomicReference<ExecutorService> executor = new AtomicReference<>();
        group.add("worker", Actors.service(() -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            executor.set(pool);
            pool.submit(() -> { }).get();
        }, () -> {
            ExecutorService pool = executor.get();
            pool.shutdownNow();
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                throw new IllegalStateException("worker executor did not terminate within 1 s");
            }
        }));
        group.add("loop", ctx -> ctx.awaitStop());
        return group;
    }
}
