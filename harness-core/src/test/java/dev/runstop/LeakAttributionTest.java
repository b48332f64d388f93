package dev.runstop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who made a thread, followed by creation rather than by thread group only: threads in thread groups a
 * library makes, threads of an app factory, common-pool work, and threads that are shared by design or
 * that the evidence cannot pin on one actor (listed, never blamed).
 */
class LeakAttributionTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Duration SHORT_LINGER = Duration.ofMillis(100);

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

    @Test
    void aThreadInAThreadGroupALibraryMadeUnderTheRootIsTheActorsThatStartedIt() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("libgroup");
        group.add("api", ActorContext::awaitStop);
        group.add("client", ctx -> {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            ThreadGroup library = new ThreadGroup(root, "library-io");
            join(new Thread(library, () -> Work.blockOn(never), "library-io-1")).start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(names(report.actor("client").leakedThreads())).containsExactly("library-io-1");
        assertThat(report.actor("api").leakedThreads()).isEmpty();
        ActorException leak = report.problems().get(0);
        assertThat(leak.getMessage()).startsWith("actor 'client' leaked thread 'library-io-1' while stopping: still alive after the group stopped,")
                .contains("at dev.runstop.LeakAttributionTest$Work.blockOn(LeakAttributionTest.java:")
                .contains("re-run with -Drunstop.leaks.origins=true to see where it was started");
    }

    @Test
    void threadsStartedByThatLibrarysThreadsAreTheActorsToo() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("libchain");
        CountDownLatch innerStarted = new CountDownLatch(1);
        group.add("client", ctx -> {
            ThreadGroup library = new ThreadGroup(topGroup(), "library-chain");
            Thread first = join(new Thread(library, () -> {
                join(new Thread(new ThreadGroup(topGroup(), "library-inner"), () -> Work.blockOn(never), "inner-1")).start();
                innerStarted.countDown();
                Work.blockOn(never);
            }, "outer-1"));
            first.start();
            innerStarted.await();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);
        assertThat(names(report.actor("client").leakedThreads())).containsExactlyInAnyOrder("outer-1", "inner-1");
    }

    @Test
    void aPoolMadeBeforeTheGroupWithAThreadGroupOfItsOwnIsSharedNotBlamed() throws Exception {
        ThreadGroup own = new ThreadGroup(topGroup(), "prior-pool");
        ExecutorService prior = shutDownLater(Executors.newCachedThreadPool(r -> new Thread(own, r, "prior-pool-worker")));
        Group group = group("prior");
        group.add("user", ctx -> {
            prior.submit(() -> { }).get(LONG.toMillis(), TimeUnit.MILLISECONDS); // the pool grows from this thread
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(report.sharedThreads()).singleElement().satisfies(t -> {
            assertThat(t.threadName()).isEqualTo("prior-pool-worker");
            assertThat(t.note()).hasValueSatisfying(n -> assertThat(n).contains("existed before group 'prior' started")
                    .contains("actor 'user' made grow"));
        });
        assertThat(report.toString()).contains("shared, not blamed: thread 'prior-pool-worker'");
    }

    @Test
    void knownJvmWideThreadsAreListedAsSharedAndDoNotMakeTheStopUnclean() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("presets");
        group.add("cache", ctx -> {
            for (String name : List.of("globalEventExecutor-3-1", "commons-pool-evictor", "HttpClient-7-SelectorManager",
                    "HttpClient-7-Worker-0", "background-preinit")) {
                join(new Thread(() -> Work.blockOn(never), name)).start();
            }
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(report.clean()).as(report.toString()).isTrue();
        assertThat(names(report.sharedThreads())).containsExactlyInAnyOrder("globalEventExecutor-3-1", "commons-pool-evictor",
                "HttpClient-7-SelectorManager", "HttpClient-7-Worker-0", "background-preinit");
        assertThat(report.sharedThreads()).allSatisfy(t -> assertThat(t.note()).isPresent());
        assertThat(report.toString()).contains("Netty's JVM-wide GlobalEventExecutor");
    }

    @Test
    void aSharedThreadsRuleAddsToThePresetsAndTheRestStillLeak() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        Group group = group("rule").sharedThreads(t -> t.getName().startsWith("metrics-"));
        group.add("app", ctx -> {
            join(new Thread(() -> Work.blockOn(never), "metrics-flusher")).start();
            join(new Thread(() -> Work.blockOn(never), "forgotten")).start();
            ctx.awaitStop();
        });
        StopReport report = runAndStop(group);

        assertThat(names(report.sharedThreads())).containsExactly("metrics-flusher");
        assertThat(report.sharedThreads().get(0).note()).hasValue("shared: matches the shared-threads rule of group 'rule'");
        assertThat(names(report.actor("app").leakedThreads())).containsExactly("forgotten");
    }

    @Test
    void theSystemPropertyAddsSharedThreadNamePatterns() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        String before = System.getProperty("runstop.leaks.shared");
        System.setProperty("runstop.leaks.shared", "vendor-daemon-\\d+, other-x");
        try {
            Group group = group("prop");
            group.add("app", ctx -> {
                join(new Thread(() -> Work.blockOn(never), "vendor-daemon-12")).start();
                ctx.awaitStop();
            });
            StopReport report = runAndStop(group);
            assertThat(report.clean()).as(report.toString()).isTrue();
            assertThat(report.sharedThreads().get(0).note())
                    .hasValue("shared: matches -Drunstop.leaks.shared pattern 'vendor-daemon-\\d+'");
        } finally {
            if (before == null) {
                System.clearProperty("runstop.leaks.shared");
            } else {
                System.setProperty("runstop.leaks.shared", before);
            }
        }
    }

    @Test
    void commonPoolWorkAnActorLeftRunningIsThatActorsWhateverTheCpuCount() throws Exception {
        CountDownLatch never = release(new CountDownLatch(1));
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        Group group = group("async");
        group.add("client", Actors.of(ctx -> {
            ForkJoinPool.commonPool().execute(() -> Work.poolTask(worker, running, never));
            ctx.awaitStop();
        }, cause -> { }));
        RunningGroup started = group.start().awaitReady(LONG);
        assertThat(running.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        StopReport report = stop(started);

        assertThat(worker.get()).isInstanceOf(ForkJoinWorkerThread.class);
        assertThat(report.actor("client").leakedThreads()).singleElement().satisfies(t -> {
            assertThat(t.threadName()).isEqualTo(worker.get().getName());
            assertThat(t.note()).hasValueSatisfying(n -> assertThat(n).startsWith(
                    "common-pool work of this actor, running dev.runstop.LeakAttributionTest$Work.blockOn(LeakAttributionTest.java:"));
        });
        assertThat(report.problems().get(0).getMessage()).startsWith("actor 'client' leaked thread '" + worker.get().getName()
                + "' (common-pool work of this actor, running dev.runstop.LeakAttributionTest$Work.blockOn(LeakAttributionTest.java:")
                .contains(") while stopping: still alive after the group stopped")
                .contains("at dev.runstop.LeakAttributionTest$Work.blockOn(LeakAttributionTest.java:");
    }

    @Test
    void commonPoolWorkThatEndsWithinTheLingerIsNotBlamed() throws Exception {
        CountDownLatch finish = release(new CountDownLatch(1));
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        Group group = group("async-ends").leakCheck(Duration.ofSeconds(10));
        group.add("client", Actors.of(ctx -> {
            ForkJoinPool.commonPool().execute(() -> Work.poolTask(worker, running, finish));
            ctx.awaitStop();
        }, cause -> finish.countDown()));
        RunningGroup started = group.start().awaitReady(LONG);
        assertThat(running.await(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        StopReport report = stop(started);
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    void anExecutorMadeInTheAppFactoryIsReportedAsTheFactorys() throws Exception {
        AtomicReference<ExecutorService> made = new AtomicReference<>();
        Group group = Group.fromFactory(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(1); // its thread factory keeps the factory's thread group
            made.set(pool);
            Group g = group("built");
            g.add("user", ctx -> {
                pool.submit(() -> { }).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
                ctx.awaitStop();
            });
            return g;
        });
        shutDownLater(made.get());
        StopReport report = runAndStop(group);

        assertThat(report.clean()).isFalse();
        assertThat(names(report.factoryLeakedThreads())).singleElement().satisfies(n -> assertThat(n).matches("pool-\\d+-thread-1"));
        String thread = report.factoryLeakedThreads().get(0).threadName();
        assertThat(report.actor("user").leakedThreads()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.actor()).isEqualTo("(factory)");
            assertThat(p.getMessage()).startsWith("'built' factory leaked thread '" + thread + "' while stopping: still alive after the group stopped");
        });
        assertThat(report.toString()).contains("leaked by 'built' factory: thread '" + thread + "'");
    }

    @Test
    void aFactoryThatLeavesNothingBehindGivesACleanStopAndItsErrorsReachTheCaller() throws Exception {
        Group group = Group.fromFactory(() -> group("tidy").add("a", ActorContext::awaitStop));
        assertThat(runAndStop(group).clean()).isTrue();
        IllegalStateException boom = new IllegalStateException("no config");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Group.fromFactory(() -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(Group.fromFactory(() -> null)).isNull();
    }

    // ---- helpers ----

    /** Where leaked threads wait, so that their stacks name a frame the tests can look for. */
    static final class Work {
        private Work() {
        }

        static void blockOn(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void poolTask(AtomicReference<Thread> worker, CountDownLatch running, CountDownLatch until) {
            worker.set(Thread.currentThread());
            running.countDown();
            blockOn(until);
        }
    }

    private static ThreadGroup topGroup() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    private static Group group(String name) {
        return new Group(name).osSignals(false).stopDeadline(Duration.ofSeconds(10)).leakCheck(SHORT_LINGER);
    }

    private static StopReport runAndStop(Group group) throws InterruptedException {
        return stop(group.start().awaitReady(LONG));
    }

    private static StopReport stop(RunningGroup running) throws InterruptedException {
        running.stop("test done");
        return running.awaitTermination(LONG).orElseThrow(() -> new AssertionError("group did not terminate: " + running));
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

    private ExecutorService shutDownLater(ExecutorService pool) {
        toShutDown.add(pool);
        return pool;
    }

    @SuppressWarnings("unused")
    private static void await(Future<?> f) throws Exception {
        f.get(LONG.toMillis(), TimeUnit.MILLISECONDS);
    }
}
