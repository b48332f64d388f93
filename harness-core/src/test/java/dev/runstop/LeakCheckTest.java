package dev.runstop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The leak check: threads an actor leaves behind are reported by that actor's name with their stacks;
 * threads that end in time, threads of shared pools and threads of other groups are not.
 */
class LeakCheckTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    /** Short linger for tests where a leak is expected: the check waits this long for each survivor. */
    private static final Duration SHORT_LINGER = Duration.ofMillis(100);

    /** Threads and pools a test leaked on purpose; released after each test so no test leaks into the next. */
    private final List<CountDownLatch> toRelease = new ArrayList<>();
    private final List<Thread> toJoin = new ArrayList<>();
    private final List<ExecutorService> toShutDown = new ArrayList<>();

    @AfterEach
    void releaseLeftovers() throws InterruptedException {
        toRelease.forEach(CountDownLatch::countDown);
        toShutDown.forEach(ExecutorService::shutdownNow);
        for (ExecutorService pool : toShutDown) {
            assertThat(pool.awaitTermination(LONG.toMillis(), TimeUnit.MILLISECONDS)).as("pool ended: " + pool).isTrue();
        }
        for (Thread t : toJoin) {
            t.join(LONG.toMillis());
            assertThat(t.isAlive()).as("thread '" + t.getName() + "' ended").isFalse();
        }
    }

    // ---- the leak is named ----

    @Test
    void aLeakingActorIsNamedWithTheLeakedThreadsNameAndStack() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("shop").leakCheck(SHORT_LINGER);
        group.add("db", untilStopped());
        group.add("mailer", ctx -> {
            Thread t = join(new Thread(() -> LeakyWork.blockOn(never), "mail-retry"));
            t.start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(report.actor("db").leakedThreads()).isEmpty();
        List<ThreadSnapshot> leaked = report.actor("mailer").leakedThreads();
        assertThat(leaked).singleElement().satisfies(t -> {
            assertThat(t.threadName()).isEqualTo("mail-retry");
            assertThat(t.state()).isEqualTo(Thread.State.WAITING);
            assertThat(t.stuckAt().getClassName()).isEqualTo(LeakyWork.class.getName());
            assertThat(t.stuckAt().getMethodName()).isEqualTo("blockOn");
        });
        assertThat(report.clean()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.getMessage()).contains("actor 'mailer' leaked thread 'mail-retry'", "LeakyWork.blockOn");
            assertThat(p.actor()).isEqualTo("mailer");
            assertThat(p.getStackTrace()).as("the leaked thread's stack").contains(leaked.get(0).stuckAt());
        });
        assertThat(report.toString()).contains("1 thread leaked", "leaked by 'mailer': thread 'mail-retry'",
                "LeakCheckTest$LeakyWork.blockOn(LeakCheckTest.java:");
        GroupFailedException failure = report.failure().orElseThrow();
        assertThat(failure.getMessage()).contains("actor 'mailer' leaked thread 'mail-retry'");
    }

    @Test
    void runThrowsOnALeakNamingTheActor() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("cli").leakCheck(SHORT_LINGER);
        group.add("job", ctx -> join(new Thread(() -> LeakyWork.blockOn(never), "job-helper")).start());
        assertThatThrownBy(group::run).isInstanceOf(GroupFailedException.class)
                .hasMessageContaining("actor 'job' leaked thread 'job-helper'");
    }

    @Test
    void threadsStartedByLeakedThreadsAndByStragglersAreTheActorsToo() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        CountDownLatch grandchildStarted = new CountDownLatch(1);
        Group group = group("nest").leakCheck(SHORT_LINGER);
        group.add("parent", ctx -> {
            join(new Thread(() -> {
                join(new Thread(() -> LeakyWork.blockOn(never), "grandchild")).start();
                grandchildStarted.countDown();
                LeakyWork.blockOn(never);
            }, "child")).start();
            ctx.awaitStop();
        });
        group.add("stuck", Actors.of(ctx -> {
            join(new Thread(() -> LeakyWork.blockOn(never), "stuck-helper")).start();
            LeakyWork.blockOn(never);
        }, cause -> { }), Duration.ofMillis(50));
        RunningGroup running = group.start().awaitReady(LONG);
        await(grandchildStarted);
        StopReport report = stop(running);

        assertThat(names(report.actor("parent").leakedThreads())).containsExactlyInAnyOrder("child", "grandchild");
        assertThat(report.actor("stuck").outcome()).isEqualTo(Outcome.STRAGGLER);
        assertThat(names(report.actor("stuck").leakedThreads()))
                .as("the straggler's own thread is reported as a straggler, not as a leak").containsExactly("stuck-helper");
    }

    // ---- what is not blamed ----

    @Test
    void aThreadThatEndsWithinTheLingerIsNotBlamed() throws Exception {
        CountDownLatch checkSawIt = new CountDownLatch(1);
        AtomicReference<Thread> slow = new AtomicReference<>();
        // The check calls the allow-list for each thread it is about to wait for: that call lets the slow
        // thread end, so the thread is certainly alive when the check starts and ends while it lingers.
        Group group = group("tidy").leakCheck(LONG).ignoreThreads(t -> {
            if (t == slow.get()) {
                checkSawIt.countDown();
            }
            return false;
        });
        group.add("worker", ctx -> {
            Thread t = join(new Thread(() -> LeakyWork.blockOn(checkSawIt), "finishing-up"));
            slow.set(t);
            t.start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(checkSawIt.getCount()).as("the check met the thread alive").isZero();
        assertThat(report.actor("worker").leakedThreads()).isEmpty();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void aLingerOfZeroTurnsTheCheckOff() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("unchecked").leakCheck(Duration.ZERO);
        group.add("mailer", ctx -> {
            join(new Thread(() -> LeakyWork.blockOn(never), "mail-retry")).start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(report.actor("mailer").leakedThreads()).isEmpty();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aNegativeOrNullLingerIsRefused() {
        assertThatThrownBy(() -> new Group("g").leakCheck(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leak check linger of group 'g'");
        assertThatThrownBy(() -> new Group("g").leakCheck(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Group("g").ignoreThreads(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExecutorTheActorShutsDownIsNotBlamed() throws Exception {
        Group group = group("tidy").leakCheck(LONG);
        group.add("worker", ctx -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                runTasks(pool, 2);
                ctx.awaitStop();
            } finally {
                pool.shutdown(); // no awaitTermination: the workers end while the check lingers
            }
        });
        StopReport report = runAndStop(group);
        assertThat(report.actor("worker").leakedThreads()).isEmpty();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void anExecutorTheActorForgetsToShutDownIsBlamedThreadByThread() throws Exception {
        AtomicReference<ExecutorService> forgotten = new AtomicReference<>();
        Group group = group("sloppy").leakCheck(SHORT_LINGER);
        group.add("api", untilStopped());
        group.add("worker", ctx -> {
            ExecutorService pool = Executors.newFixedThreadPool(2, named("sloppy-pool"));
            forgotten.set(shutDownLater(pool));
            runTasks(pool, 2);
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        List<ThreadSnapshot> leaked = report.actor("worker").leakedThreads();
        assertThat(names(leaked)).containsExactlyInAnyOrder("sloppy-pool-1", "sloppy-pool-2");
        assertThat(leaked).allSatisfy(t -> assertThat(t.stack().toString()).contains("ThreadPoolExecutor.getTask"));
        assertThat(report.actor("api").leakedThreads()).isEmpty();
        assertThat(forgotten.get().isShutdown()).isFalse();
        assertThat(report.toString()).contains("2 threads leaked");
    }

    @Test
    void threadsOfTheActorsThreadFactoryAreAttributedEvenWhenMadeByAnotherThread() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("factory").leakCheck(SHORT_LINGER);
        group.add("other", untilStopped());
        group.add("scheduler", Actors.of(ctx -> {
            ctx.publish("threads", ctx.threadFactory());
            ctx.awaitStop();
        }, cause -> { }));
        RunningGroup running = group.start().awaitReady(LONG);
        ThreadFactory factory = running.handles().await("threads", ThreadFactory.class, LONG);
        Thread fromTest = join(factory.newThread(() -> LeakyWork.blockOn(never)));
        fromTest.start();
        StopReport report = stop(running);

        assertThat(fromTest.getName()).isEqualTo("factory/scheduler/1");
        assertThat(fromTest.isDaemon()).isTrue();
        assertThat(names(report.actor("scheduler").leakedThreads())).containsExactly("factory/scheduler/1");
        assertThat(report.actor("other").leakedThreads()).isEmpty();
    }

    @Test
    void theCommonPoolIsNotBlamed() throws Exception {
        CountDownLatch done = release(new CountDownLatch(1));
        AtomicReference<Thread> worker = new AtomicReference<>();
        Group group = group("async").leakCheck(SHORT_LINGER);
        group.add("client", ctx -> {
            ForkJoinPool.commonPool().submit(() -> worker.set(Thread.currentThread())).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        Thread t = worker.get();
        assertThat(t).isInstanceOf(ForkJoinWorkerThread.class);
        assertThat(((ForkJoinWorkerThread) t).getPool()).isSameAs(ForkJoinPool.commonPool());
        assertThat(report.actor("client").leakedThreads()).isEmpty();
        assertThat(report.clean()).as(report.toString()).isTrue();
        done.countDown();
    }

    @Test
    void executorsMadeBeforeTheGroupAreNotBlamedEvenIfAnActorMadeThemGrow() throws Exception {
        // Executors' thread factory takes its thread group from the thread that made the pool: here the test's.
        ExecutorService cached = shutDownLater(Executors.newCachedThreadPool());
        ExecutorService fixed = shutDownLater(Executors.newFixedThreadPool(1));
        ExecutorService scheduled = shutDownLater(Executors.newScheduledThreadPool(1));
        AtomicReference<List<Thread>> workers = new AtomicReference<>();
        Group group = group("shared").leakCheck(SHORT_LINGER);
        group.add("user", ctx -> {
            // Each pool is new and empty: these submissions make them start their workers from this thread.
            List<Thread> ran = new ArrayList<>();
            for (ExecutorService pool : List.of(cached, fixed, scheduled)) {
                ran.add(pool.submit(Thread::currentThread).get(LONG.toMillis(), TimeUnit.MILLISECONDS));
            }
            workers.set(ran);
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(workers.get()).allSatisfy(t -> assertThat(t.isAlive()).as("pool worker idles on after the stop").isTrue());
        assertThat(report.actor("user").leakedThreads()).isEmpty();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void poolsThatMakeThreadsInTheSubmittersGroupAreAllowListedByPool() throws Exception {
        // ForkJoinPool's default factory makes a worker in the thread group of the thread whose task made the
        // pool grow: a pool shared with an actor is then blamed on that actor until it is allow-listed.
        ForkJoinPool shared = new ForkJoinPool(1);
        toShutDown.add(shared);
        StopReport blamed = runAndStop(group("fj-plain").leakCheck(SHORT_LINGER).add("user", ctx -> {
            shared.submit(() -> { }).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
            ctx.awaitStop();
        }));
        assertThat(blamed.actor("user").leakedThreads()).singleElement()
                .satisfies(t -> assertThat(t.threadName()).startsWith("ForkJoinPool-"));

        ForkJoinPool shared2 = new ForkJoinPool(1);
        toShutDown.add(shared2);
        StopReport allowed = runAndStop(group("fj-allowed").leakCheck(SHORT_LINGER)
                .ignoreThreads(t -> t instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) t).getPool() == shared2)
                .add("user", ctx -> {
                    shared2.submit(() -> { }).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
                    ctx.awaitStop();
                }));
        assertThat(allowed.clean()).as(allowed.toString()).isTrue();
    }

    @Test
    void theAllowListSparesMatchingThreadsOnly() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("allow").leakCheck(SHORT_LINGER)
                .ignoreThreads(t -> t.getName().startsWith("keepalive-"))
                .ignoreThreads(t -> t.getName().equals("metrics-flusher"));
        group.add("client", ctx -> {
            join(new Thread(() -> LeakyWork.blockOn(never), "keepalive-1")).start();
            join(new Thread(() -> LeakyWork.blockOn(never), "metrics-flusher")).start();
            join(new Thread(() -> LeakyWork.blockOn(never), "reconnector")).start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(names(report.actor("client").leakedThreads())).containsExactly("reconnector");
    }

    @Test
    void anAllowListThatThrowsDoesNotHangTheGroupAndTheThreadStillCounts() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("badlist").leakCheck(SHORT_LINGER)
                .ignoreThreads(t -> ((ForkJoinWorkerThread) t).getPool() == null); // a ClassCastException for plain threads
        group.add("client", ctx -> {
            join(new Thread(() -> LeakyWork.blockOn(never), "reconnector")).start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(names(report.actor("client").leakedThreads())).containsExactly("reconnector");
    }

    // ---- parallel groups ----

    @Test
    void ofTwentyOneGroupsStartedAtOnceOnlyTheLeakingOneReportsALeak() throws Exception {
        int clean = 20;
        CountDownLatch never = release(new CountDownLatch(1));
        CountDownLatch allRunning = new CountDownLatch(clean + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<StopReport>> reports = new ArrayList<>();
        List<Thread> launchers = new ArrayList<>();
        for (int i = 0; i <= clean; i++) {
            boolean leaks = i == 7;
            String name = (leaks ? "leaky-" : "clean-") + i;
            CompletableFuture<StopReport> result = new CompletableFuture<>();
            reports.add(result);
            Thread launcher = join(new Thread(() -> {
                try {
                    // Every group has a helper thread alive while the others check for leaks; only one
                    // group's helper ignores the stop.
                    Group group = group(name).leakCheck(leaks ? SHORT_LINGER : LONG);
                    group.add("api", untilStopped());
                    group.add("worker", ctx -> {
                        CountDownLatch stopped = new CountDownLatch(1);
                        Thread helper = new Thread(() -> LeakyWork.blockOn(leaks ? never : stopped), name + "-helper");
                        helper.start();
                        try {
                            ctx.awaitStop();
                        } finally {
                            stopped.countDown();
                        }
                    });
                    RunningGroup running = group.start().awaitReady(LONG);
                    allRunning.countDown();
                    await(go);
                    result.complete(stop(running));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }, "launcher-" + i));
            launchers.add(launcher);
        }
        launchers.forEach(Thread::start);
        await(allRunning);
        go.countDown();

        for (int i = 0; i <= clean; i++) {
            StopReport report = reports.get(i).get(LONG.toMillis() * 2, TimeUnit.MILLISECONDS);
            if (i == 7) {
                assertThat(report.actor("worker").leakedThreads()).singleElement()
                        .satisfies(t -> assertThat(t.threadName()).isEqualTo("leaky-7-helper"));
                assertThat(report.actor("api").leakedThreads()).isEmpty();
            } else {
                assertThat(report.clean()).as(report.toString()).isTrue();
            }
        }
    }

    // ---- thread groups stay usable while the group runs (on Java 17 they destroy themselves when empty) ----

    @Test
    void theActorsThreadFactoryStillWorksInItsStopAfterItsRunReturned() throws Exception {
        AtomicReference<Thread> actorThread = new AtomicReference<>();
        AtomicReference<Thread> cleanup = new AtomicReference<>();
        CountDownLatch mayReturn = new CountDownLatch(1);
        CountDownLatch cleanupTried = new CountDownLatch(1);
        CountDownLatch cacheRunning = new CountDownLatch(1);
        AtomicReference<RuntimeException> stopFailed = new AtomicReference<>();
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Group group = group("late").leakCheck(LONG);
        // 'cache' is stopped by the thread of 'ender'; its stop waits until its own thread has ended, then
        // starts a cleanup thread from its thread factory. 'waiter' holds the report until that was tried.
        group.add("cache", new Actor() {
            private volatile ActorContext ctx;

            @Override
            public void run(ActorContext ctx) throws Exception {
                this.ctx = ctx;
                actorThread.set(Thread.currentThread());
                cacheRunning.countDown();
                await(mayReturn);
            }

            @Override
            public void stop(Throwable cause) {
                try {
                    mayReturn.countDown();
                    actorThread.get().join(LONG.toMillis());
                    Thread t = ctx.threadFactory().newThread(cleanedUp::countDown);
                    cleanup.set(t);
                    t.start();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    stopFailed.set(e);
                } finally {
                    cleanupTried.countDown();
                }
            }
        });
        group.add("ender", ctx -> await(cacheRunning));
        group.add("waiter", ctx -> {
            ctx.awaitStop();
            await(cleanupTried);
        });
        StopReport report = Fixture.awaitReport(group.start());
        assertThat(actorThread.get().isAlive()).isFalse();
        assertThat(stopFailed.get()).as("making a thread in stop()").isNull();
        await(cleanedUp);
        assertThat(cleanup.get().getName()).isEqualTo("late/cache/1");
        assertThat(report.actor("cache").leakedThreads()).isEmpty();
    }

    @Test
    void aPoolMadeByAnActorCanStillGrowWhileTheGroupStopsAfterThatActorsThreadEnded() throws Exception {
        AtomicReference<Thread> makerThread = new AtomicReference<>();
        AtomicReference<String> workerGroup = new AtomicReference<>();
        java.util.concurrent.CompletableFuture<ExecutorService> shared = new java.util.concurrent.CompletableFuture<>();
        Group group = group("grow").leakCheck(LONG);
        group.add("maker", ctx -> {
            makerThread.set(Thread.currentThread());
            shared.complete(Executors.newCachedThreadPool()); // its workers are this actor's
            ctx.awaitStop();
        });
        // 'user' keeps using the maker's pool as it stops, after the maker's thread has ended. It gets the
        // pool outside the handles, so the maker does not wait for it (a handle look-up would order the stop).
        group.add("user", ctx -> {
            ExecutorService pool = shutDownLater(shared.get(LONG.toMillis(), TimeUnit.MILLISECONDS));
            ctx.awaitStop();
            makerThread.get().join(LONG.toMillis());
            Future<String> task = pool.submit(() -> Thread.currentThread().getThreadGroup().getName());
            workerGroup.set(task.get(LONG.toMillis(), TimeUnit.MILLISECONDS));
            pool.shutdown(); // the pool must not outlive the group: the leak check waits for its worker
        });
        StopReport report = runAndStop(group);
        assertThat(makerThread.get().isAlive()).isFalse();
        assertThat(report.actor("user").error()).isEmpty();
        assertThat(workerGroup.get()).as("the new worker counts for the maker").isEqualTo("grow/maker");
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_18) // from Java 19 on, thread groups are weakly held and never destroyed
    void onJava17TheThreadGroupsOfAStoppedGroupGoAwayOnceTheirThreadsEnd() throws Exception {
        ThreadGroup here = Thread.currentThread().getThreadGroup();
        while (here.getParent() != null) {
            here = here.getParent(); // the groups' thread groups are under the library's own, under the top
        }
        for (int i = 0; i < 20; i++) {
            Group g = group("gone-" + i).leakCheck(LONG);
            g.add("a", untilStopped());
            g.add("b", ctx -> {
                ctx.threadFactory().newThread(() -> { }).start();
                ctx.awaitStop();
            });
            runAndStop(g);
        }
        CountDownLatch leakEnds = release(new CountDownLatch(1));
        AtomicReference<Thread> leaked = new AtomicReference<>();
        Group leaky = group("gone-leaky").leakCheck(SHORT_LINGER);
        leaky.add("a", ctx -> {
            Thread t = join(new Thread(() -> LeakyWork.blockOn(leakEnds), "leftover"));
            leaked.set(t);
            t.start();
            ctx.awaitStop();
        });
        assertThat(runAndStop(leaky).actor("a").leakedThreads()).hasSize(1);

        awaitGroups(here, List.of("gone-leaky/a", "runstop:gone-leaky")); // sorted
        leakEnds.countDown();
        leaked.get().join(LONG.toMillis());
        awaitGroups(here, List.of());
    }

    /** Waits, bounded, until the thread groups named gone-* under root are exactly the expected ones. */
    private static void awaitGroups(ThreadGroup root, List<String> expected) {
        long deadline = System.nanoTime() + LONG.toNanos();
        List<String> now;
        while (!(now = groupsNamedGone(root)).equals(expected)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("thread groups left: " + now + ", expected " + expected);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    private static List<String> groupsNamedGone(ThreadGroup root) {
        ThreadGroup[] all = new ThreadGroup[root.activeGroupCount() + 64];
        int n = root.enumerate(all, true);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = all[i].getName();
            if (name.startsWith("runstop:gone-") || name.startsWith("gone-")) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    // ---- helpers ----

    /** Where leaked threads wait, so that their stacks name a frame the tests can look for. */
    static final class LeakyWork {
        private LeakyWork() {
        }

        static void blockOn(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Fixture {
        static StopReport awaitReport(RunningGroup running) throws InterruptedException {
            return running.awaitTermination(LONG).orElseThrow(() -> new AssertionError("group did not terminate: " + running));
        }
    }

    private static Group group(String name) {
        return new Group(name).osSignals(false).stopDeadline(Duration.ofSeconds(10));
    }

    private static Actor.Body untilStopped() {
        return ActorContext::awaitStop;
    }

    private static StopReport runAndStop(Group group) throws InterruptedException {
        return stop(group.start().awaitReady(LONG));
    }

    private static StopReport stop(RunningGroup running) throws InterruptedException {
        running.stop("test done");
        return Fixture.awaitReport(running);
    }

    private static void runTasks(ExecutorService pool, int n) throws Exception {
        CountDownLatch all = new CountDownLatch(n);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(pool.submit(() -> {
                all.countDown();
                await(all); // every task at once: the pool starts n workers
                return null;
            }));
        }
        for (Future<?> f : tasks) {
            f.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(LONG.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("timed out after " + LONG);
        }
    }

    private static List<String> names(List<ThreadSnapshot> threads) {
        return threads.stream().map(ThreadSnapshot::threadName).toList();
    }

    private CountDownLatch release(CountDownLatch latch) {
        toRelease.add(latch);
        return latch;
    }

    private Thread join(Thread t) {
        synchronized (toJoin) {
            toJoin.add(t);
        }
        return t;
    }

    private <T extends ExecutorService> T shutDownLater(T pool) {
        synchronized (toShutDown) {
            toShutDown.add(pool);
        }
        return pool;
    }
}
