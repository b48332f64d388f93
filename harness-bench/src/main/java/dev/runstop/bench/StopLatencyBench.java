package dev.runstop.bench;

import dev.runstop.Actors;
import dev.runstop.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code stop-latency}: time from the first actor's return to the group's return, with N well-behaved
 * actors all running; against oklog/run's way of stopping: one thread calls every actor's stop in turn,
 * then joins them all. With a stop that takes a millisecond (closing a socket, joining a worker), a
 * serial delivery takes N milliseconds; a concurrent one does not.
 */
final class StopLatencyBench implements Benchmark {

    @Override
    public String name() {
        return "stop-latency";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        int n = run.mode == Mode.SMOKE ? 10 : 1000;
        for (long stopCostMicros : new long[] {0, 1000}) {
            int warmup = stopCostMicros == 0 ? run.mode.warmupRounds : Math.min(1, run.mode.warmupRounds);
            int rounds = stopCostMicros == 0 ? run.mode.rounds : Math.min(run.shortRun() ? 3 : 5, run.mode.rounds);
            long stopCostNanos = stopCostMicros * 1000;
            AbRunner.Comparison c = AbRunner.compare(warmup, rounds, () -> ours(n, stopCostNanos),
                    () -> serialBaseline(n, stopCostNanos));
            String params = "n=" + n + " stop=" + (stopCostMicros == 0 ? "instant" : stopCostMicros / 1000 + "ms");
            run.add(Result.of("stop-latency", params, c, 1e6, "ms"));
        }
        int depth = 10;
        AtomicLong sink = new AtomicLong();
        AbRunner.Comparison chain = AbRunner.compare(run.mode.warmupRounds, run.mode.rounds, () -> chain(depth, sink),
                () -> chainBaseline(depth));
        run.add(Result.of("stop-latency", "chain depth=" + depth, chain, 1e6, "ms"));
    }

    /**
     * A dependency chain: actor i awaits the handle of actor i-1, so the group stops them from the last to
     * the first, each once its dependent returned.
     *
     * @return nanoseconds from the external stop to the group's termination
     */
    static double chain(int depth, AtomicLong sink) throws InterruptedException {
        Group group = new Group("chain").osSignals(false);
        for (int i = 0; i < depth; i++) {
            int me = i;
            group.add("a" + i, ctx -> {
                if (me > 0) {
                    sink.addAndGet(ctx.handles().await("a" + (me - 1), Integer.class, java.time.Duration.ofSeconds(10)));
                }
                ctx.publish("a" + me, me);
                ctx.awaitStop();
            });
        }
        dev.runstop.RunningGroup running = group.start().awaitReady(java.time.Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        running.stopAndAwait("bench");
        return System.nanoTime() - t0;
    }

    /** The same chain stopped by hand: one thread stops each actor from the last and joins it before the next. */
    static double chainBaseline(int depth) throws InterruptedException {
        ThreadFactory threads = ThreadKind.PLATFORM.factory("baseline/chain");
        List<Thread> all = new ArrayList<>(depth);
        List<CountDownLatch> stops = new ArrayList<>(depth);
        CountDownLatch up = new CountDownLatch(depth);
        for (int i = 0; i < depth; i++) {
            CountDownLatch stop = new CountDownLatch(1);
            stops.add(stop);
            all.add(threads.newThread(() -> {
                up.countDown();
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        all.forEach(Thread::start);
        up.await();
        long t0 = System.nanoTime();
        for (int i = depth - 1; i >= 0; i--) {
            stops.get(i).countDown();
            all.get(i).join();
        }
        return System.nanoTime() - t0;
    }

    /** An actor's work: waits until stopped; stopping it takes {@code stopCostNanos} (parked, as I/O would). */
    static final class Worker {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final long stopCostNanos;

        Worker(long stopCostNanos) {
            this.stopCostNanos = stopCostNanos;
        }

        void work() throws InterruptedException {
            stopped.await();
        }

        void stop() {
            if (stopCostNanos > 0) {
                long until = System.nanoTime() + stopCostNanos;
                for (long left = stopCostNanos; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
            stopped.countDown();
        }
    }

    /** @return nanoseconds from the first actor's return to {@link Group#run()} returning */
    static double ours(int n, long stopCostNanos) throws InterruptedException {
        Group group = new Group("latency");
        CountDownLatch running = new CountDownLatch(n - 1);
        AtomicLong firstReturned = new AtomicLong();
        group.add("first", ctx -> {
            running.await();
            firstReturned.set(System.nanoTime());
        });
        for (int i = 1; i < n; i++) {
            Worker w = new Worker(stopCostNanos);
            group.add("w" + i, Actors.of(ctx -> {
                running.countDown();
                w.work();
            }, cause -> w.stop()));
        }
        group.run();
        return System.nanoTime() - firstReturned.get();
    }

    /**
     * oklog/run's shape: every actor on its own thread, the first to return wakes the runner, which calls
     * each actor's stop one by one and then waits for them all.
     *
     * @return nanoseconds from the first actor's return to the runner's return
     */
    static double serialBaseline(int n, long stopCostNanos) throws InterruptedException {
        ThreadFactory threads = ThreadKind.PLATFORM.factory("baseline/w");
        CountDownLatch running = new CountDownLatch(n - 1);
        CountDownLatch firstDone = new CountDownLatch(1);
        AtomicLong firstReturned = new AtomicLong();
        List<Thread> all = new ArrayList<>(n);
        List<Worker> workers = new ArrayList<>(n);
        all.add(threads.newThread(() -> {
            try {
                running.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            firstReturned.set(System.nanoTime());
            firstDone.countDown();
        }));
        for (int i = 1; i < n; i++) {
            Worker w = new Worker(stopCostNanos);
            workers.add(w);
            all.add(threads.newThread(() -> {
                running.countDown();
                try {
                    w.work();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstDone.countDown();
            }));
        }
        for (Thread t : all) {
            t.start();
        }
        firstDone.await();
        for (Worker w : workers) {
            w.stop();
        }
        for (Thread t : all) {
            t.join();
        }
        return System.nanoTime() - firstReturned.get();
    }
}
