package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Actor;
import dev.runstop.ActorContext;
import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One planted lifecycle bug per fixture, run through the engine: the first line of the failure a user
 * sees names the actor, the phase, the user's frame of the planted line, the lock and its owner where one
 * applies, and the message ends with the reproduce line. Every message is also written to
 * {@code target/runstop/messages.txt}, the gallery of what the harness prints.
 */
class FailureMessagesTest {
    private static final String NL = System.lineSeparator();
    private static final String SELF = "dev.runstop.junit.FailureMessagesTest$";
    /** Gallery entries, by kind, in the order the kinds are listed in {@link #KINDS}. */
    private static final Map<String, String> GALLERY = new java.util.concurrent.ConcurrentHashMap<>();
    private static final List<String> KINDS = List.of("start failure", "start deadline: missing ctx.ready()",
            "run failure (the class, at teardown)", "died during a test", "two simultaneous failures", "straggler",
            "hung stop() on a monitor", "stop() threw", "deadlock at stop", "swallowed interrupt",
            "session cut off, stacks on", "session cut off, stacks off", "leaked thread", "nested group (the test)",
            "nested group (the class, at teardown)",
            "shared app: reproduce line names every class", "lifecycle stress finding");

    static volatile CountDownLatch release = new CountDownLatch(0);

    @BeforeEach
    void hold() {
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseStuckThreads() {
        release.countDown();
    }

    @AfterAll
    static void writeGallery() throws IOException {
        StringBuilder text = new StringBuilder("Every kind of failure message the harness prints, as a test run shows it"
                + " (written by " + FailureMessagesTest.class.getSimpleName() + ")." + NL);
        for (String kind : KINDS) {
            text.append(NL).append("=== ").append(kind).append(" ===").append(NL)
                    .append(GALLERY.getOrDefault(kind, "(missing: the test of this kind failed)")).append(NL);
        }
        Path file = Path.of("target", "runstop", "messages.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String record(String kind, Throwable failure) {
        String message = failure.getMessage();
        GALLERY.put(kind, message);
        System.out.println("[message] " + kind + ":" + NL + message);
        return message;
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElseThrow();
    }

    private static String lastLine(String message) {
        List<String> lines = message.lines().toList();
        return lines.get(lines.size() - 1);
    }

    // ---- starting ----

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class StartFails {
        static Group app() {
            return new Group("shop").add("db", ctx -> connect()).add("web", ActorContext::awaitStop);
        }

        static void connect() throws IOException {
            throw new IOException("connection refused: db:5432"); // planted
        }

        @Test
        void never() {
        }
    }

    @Test
    void aStartFailureNamesTheActorThePhaseTheFrameAndTheReproduceLine() throws Exception {
        String message = record("start failure", FixtureRun.boundedOf(Map.of(), StartFails.class).classFailure(StartFails.class));

        assertThat(firstLine(message)).isEqualTo("group 'shop' did not start: actor 'db' failed before it was ready:"
                + " java.io.IOException: connection refused: db:5432 (while starting, at " + SELF
                + "StartFails.connect(FailureMessagesTest.java:" + line(StartFails.class, "connect") + "))");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(StartFails.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", startDeadline = "300ms")
    static class MissingReady {
        static Group app() {
            return new Group("ready").add("quiet", new Actor() {
                @Override
                public void run(ActorContext ctx) throws Exception {
                    forgetsReady(ctx);
                }

                @Override
                public void stop(Throwable cause) {
                    // awaitStop returns by itself
                }

                @Override
                public boolean signalsReady() {
                    return true;
                }
            });
        }

        static void forgetsReady(ActorContext ctx) throws InterruptedException {
            ctx.awaitStop(); // planted: ready() is never called
        }

        @Test
        void never() {
        }
    }

    @Test
    void aMissingReadyAtTheStartDeadlineIsNamedWithItsFrame() throws Exception {
        String message = record("start deadline: missing ctx.ready()",
                FixtureRun.boundedOf(Map.of(), MissingReady.class).classFailure(MissingReady.class));

        assertThat(firstLine(message)).isEqualTo("group 'ready' was not ready within 300ms: 1 of 1 actors not ready:"
                + " 'quiet' never called ctx.ready(): it waits in ctx.awaitStop() at " + SELF
                + "MissingReady.forgetsReady(FailureMessagesTest.java:" + line(MissingReady.class, "forgetsReady")
                + ") while starting (thread 'ready/quiet')");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(MissingReady.class));
    }

    // ---- running ----

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class DiesDuringTest {
        static Group app() {
            CompletableFuture<Void> crash = new CompletableFuture<>();
            return new Group("feed-app")
                    .add("feed", ctx -> {
                        ctx.publish("crash", crash);
                        ctx.ready();
                        awaitQuietly(crash);
                        readFeed();
                    })
                    .add("web", ActorContext::awaitStop);
        }

        static void readFeed() throws IOException {
            throw new IOException("feed closed by peer"); // planted
        }

        @Test
        void waits(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            crash.complete(null);
            new CountDownLatch(1).await();
        }
    }

    static void awaitQuietly(CompletableFuture<Void> crash) throws InterruptedException {
        try {
            crash.get();
        } catch (ExecutionException e) {
            // the actors go on to fail with errors of their own
        }
    }

    @Test
    void anActorThatFailsWhileATestRunsFailsThatTestAndTheClassNamingItsFrame() throws Exception {
        FixtureRun run = FixtureRun.boundedOf(Map.of(), DiesDuringTest.class);
        String during = record("died during a test", run.testFailure("waits"));
        String teardown = record("run failure (the class, at teardown)", run.classFailure(DiesDuringTest.class));

        String failed = "actor 'feed' failed: java.io.IOException: feed closed by peer (while running, at " + SELF
                + "DiesDuringTest.readFeed(FailureMessagesTest.java:" + line(DiesDuringTest.class, "readFeed") + "))";
        assertThat(firstLine(during)).isEqualTo("app 'feed-app' stopped during this test: " + failed);
        assertThat(lastLine(during)).isEqualTo(Reproduce.line(DiesDuringTest.class));
        assertThat(firstLine(teardown)).isEqualTo("group 'feed-app' failed: " + failed);
        assertThat(lastLine(teardown)).isEqualTo(Reproduce.line(DiesDuringTest.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class TwoFail {
        static Group app() {
            CompletableFuture<Void> crash = new CompletableFuture<>();
            return new Group("pair")
                    .add("left", ctx -> {
                        ctx.publish("crash", crash);
                        ctx.ready();
                        awaitQuietly(crash);
                        leftFails();
                    }, cause -> { })
                    .add("right", ctx -> {
                        ctx.ready();
                        awaitQuietly(crash);
                        rightFails();
                    }, cause -> { });
        }

        static void leftFails() throws IOException {
            throw new IOException("left disk gone"); // planted
        }

        static void rightFails() {
            throw new IllegalStateException("right lost its peer"); // planted
        }

        @Test
        void waits(@Handle("crash") CompletableFuture<Void> crash) throws InterruptedException {
            crash.complete(null);
            new CountDownLatch(1).await();
        }
    }

    @Test
    void twoActorsFailingAtOnceAreBothNamedWithTheirFramesInTheTestsFirstLine() throws Exception {
        String message = record("two simultaneous failures", FixtureRun.boundedOf(Map.of(), TwoFail.class).testFailure("waits"));

        assertThat(firstLine(message)).startsWith("app 'pair' stopped during this test: actor '")
                // which of the two ended the group is a race; the other failed as the stop spread
                .containsPattern("java\\.io\\.IOException: left disk gone \\(while (running|stopping), at "
                        + java.util.regex.Pattern.quote(SELF + "TwoFail.leftFails(FailureMessagesTest.java:" + line(TwoFail.class, "leftFails") + "))"))
                .containsPattern("java\\.lang\\.IllegalStateException: right lost its peer \\(while (running|stopping), at "
                        + java.util.regex.Pattern.quote(SELF + "TwoFail.rightFails(FailureMessagesTest.java:" + line(TwoFail.class, "rightFails") + "))"))
                .containsPattern("; actor '(left|right)' failed too: ");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(TwoFail.class));
    }

    // ---- stopping ----

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "300ms")
    static class Straggles {
        static Group app() {
            return new Group("stuck").add("stubborn", ctx -> ignoresStop(), cause -> { });
        }

        static void ignoresStop() throws InterruptedException {
            release.await(); // planted: stop is never noticed
        }

        @Test
        void passes() {
        }
    }

    @Test
    void aStragglerNamesItsFrameAndLock() throws Exception {
        String message = record("straggler", FixtureRun.boundedOf(Map.of(), Straggles.class).classFailure(Straggles.class));

        assertThat(firstLine(message)).startsWith("group 'stuck' did not stop cleanly: actor 'stubborn' is a straggler:"
                + " still running while stopping, past its stop deadline of 300ms; stuck at " + SELF
                + "Straggles.ignoresStop(FailureMessagesTest.java:" + line(Straggles.class, "ignoresStop")
                + "), WAITING on java.util.concurrent.CountDownLatch$Sync@");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(Straggles.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "300ms")
    static class HungStop {
        static final Object MONITOR = new Object();

        static Group app() {
            return new Group("hung").add("loop", ctx -> {
                synchronized (MONITOR) {
                    ctx.ready();
                    release.await();
                }
            }, cause -> stopNeedsTheLoopsMonitor());
        }

        static void stopNeedsTheLoopsMonitor() {
            synchronized (MONITOR) { // planted: the run loop holds it until released
                MONITOR.notifyAll();
            }
        }

        @Test
        void passes() {
        }
    }

    @Test
    void aHungStopNamesItsFrameTheMonitorAndItsOwner() throws Exception {
        String message = record("hung stop() on a monitor", FixtureRun.boundedOf(Map.of(), HungStop.class).classFailure(HungStop.class));

        assertThat(firstLine(message)).startsWith("group 'hung' did not stop cleanly: stop() of actor 'loop' hung: it did not"
                + " return within the stop deadline of 300ms while stopping; stuck at " + SELF
                + "HungStop.stopNeedsTheLoopsMonitor(FailureMessagesTest.java:" + (line(HungStop.class, "stopNeedsTheLoopsMonitor") + 1)
                + "), BLOCKED on java.lang.Object@").contains("held by 'hung/loop'");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(HungStop.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "300ms")
    static class StopThrows {
        static Group app() {
            return new Group("closing").add("conn", ActorContext::awaitStop, cause -> closeTwice());
        }

        static void closeTwice() {
            throw new IllegalStateException("already closed"); // planted
        }

        @Test
        void passes() {
        }
    }

    @Test
    void aStopThatThrowsNamesThePhaseAndTheFrame() throws Exception {
        String message = record("stop() threw", FixtureRun.boundedOf(Map.of(), StopThrows.class).classFailure(StopThrows.class));

        assertThat(firstLine(message)).startsWith("group 'closing' did not stop cleanly: stop() of actor 'conn' threw:"
                + " java.lang.IllegalStateException: already closed (while stopping, at " + SELF
                + "StopThrows.closeTwice(FailureMessagesTest.java:" + line(StopThrows.class, "closeTwice") + "))");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(StopThrows.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "300ms")
    static class Deadlock {
        static final Object MONITOR = new Object();
        static final ReentrantLock LOCK = new ReentrantLock();
        static final AtomicReference<Thread> LEFT = new AtomicReference<>();
        static volatile CyclicBarrier bothHoldOne;

        static Group app() {
            bothHoldOne = new CyclicBarrier(3);
            return new Group("locks")
                    .add("left", ctx -> {
                        LEFT.set(Thread.currentThread());
                        monitorThenLock();
                    }, cause -> { })
                    .add("right", ctx -> lockThenMonitor(), cause -> { });
        }

        static void monitorThenLock() throws Exception {
            synchronized (MONITOR) {
                bothHoldOne.await();
                LOCK.lockInterruptibly(); // planted: 'right' holds it and waits for this monitor
                LOCK.unlock();
            }
        }

        static void lockThenMonitor() throws Exception {
            LOCK.lock();
            try {
                bothHoldOne.await();
                synchronized (MONITOR) { // planted: 'left' holds it and waits for this lock
                    MONITOR.notifyAll();
                }
            } finally {
                LOCK.unlock();
            }
        }

        @Test
        void bothHoldTheirFirstLock() throws Exception {
            bothHoldOne.await();
        }
    }

    @Test
    void actorsWaitingOnEachOthersLocksAtStopAreReportedAsADeadlock() throws Exception {
        FixtureRun run = FixtureRun.boundedOf(Map.of(), Deadlock.class);
        Deadlock.LEFT.get().interrupt(); // ends the cycle: 'left' gives up waiting for the lock
        String message = record("deadlock at stop", run.classFailure(Deadlock.class));

        assertThat(firstLine(message)).startsWith("group 'locks' did not stop cleanly: deadlock between 'left' and 'right'"
                + " while stopping: 'left' run() stuck at " + SELF + "Deadlock.monitorThenLock(FailureMessagesTest.java:"
                + (line(Deadlock.class, "monitorThenLock") + 2) + "), WAITING on java.util.concurrent.locks.ReentrantLock$NonfairSync@")
                .contains("held by 'locks/right'; 'right' run() stuck at " + SELF + "Deadlock.lockThenMonitor(FailureMessagesTest.java:"
                        + (line(Deadlock.class, "lockThenMonitor") + 4) + "), BLOCKED on java.lang.Object@")
                .contains("held by 'locks/left'");
        assertThat(message).doesNotContain("is a straggler");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(Deadlock.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "1s")
    static class SwallowsInterrupt {
        static volatile CountDownLatch caught;

        static Group app() {
            caught = new CountDownLatch(1);
            return new Group("poll").add("poller", Actors.interruptible(ctx -> pollForever()));
        }

        static void pollForever() {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) { // planted: the stop's interrupt is swallowed
                    caught.countDown();
                }
            }
        }

        @Test
        void passes() {
        }
    }

    @Test
    void anInterruptibleActorThatSwallowsTheInterruptIsNamedSo() throws Exception {
        String message = record("swallowed interrupt",
                FixtureRun.boundedOf(Map.of(), SwallowsInterrupt.class).classFailure(SwallowsInterrupt.class));

        assertThat(SwallowsInterrupt.caught.getCount()).as("the fixture caught the stop's interrupt").isZero();
        assertThat(firstLine(message)).startsWith("group 'poll' did not stop cleanly: actor 'poller' is a straggler:"
                + " interrupted at stop and kept running (the interrupt was caught and cleared), past its stop deadline of 1s"
                + " while stopping; stuck at " + SELF + "SwallowsInterrupt.pollForever(FailureMessagesTest.java:"
                + (line(SwallowsInterrupt.class, "pollForever") + 2) + "), WAITING on java.util.concurrent.CountDownLatch$Sync@");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(SwallowsInterrupt.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "300ms")
    static class CutsOffASession {
        static volatile CountDownLatch opened;

        static Group app() {
            opened = new CountDownLatch(1);
            return new Group("web").add("http", ctx -> {
                Thread worker = new Thread(() -> servesSlowly(ctx), "http-worker");
                worker.setDaemon(true);
                worker.start();
                ctx.awaitStop();
            });
        }

        static void servesSlowly(ActorContext ctx) {
            try (Session s = ctx.openSession("GET /report")) { // planted: outlives the stop deadline
                opened.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Test
        void opensOne() throws InterruptedException {
            opened.await();
        }
    }

    @Test
    void aSessionCutOffNamesWhereItOpenedOrHowToRecordIt() throws Exception {
        String on = record("session cut off, stacks on", FixtureRun.boundedOf(Map.of(RunstopExtension.SESSION_STACKS_KEY, "true"),
                CutsOffASession.class).classFailure(CutsOffASession.class));
        release.countDown();
        release = new CountDownLatch(1);
        String off = record("session cut off, stacks off",
                FixtureRun.boundedOf(Map.of(), CutsOffASession.class).classFailure(CutsOffASession.class));

        String start = "group 'web' did not stop cleanly: actor 'http': session 'GET /report' was cut off: still open at the"
                + " stop deadline of 300ms while stopping; ";
        assertThat(firstLine(on)).startsWith(start + "opened at " + SELF + "CutsOffASession.servesSlowly(FailureMessagesTest.java:"
                + line(CutsOffASession.class, "servesSlowly") + ") (open for ");
        assertThat(firstLine(off)).startsWith(start + "where it opened is not recorded").contains("runstop.session-stacks=true");
        assertThat(lastLine(on)).isEqualTo(Reproduce.line(CutsOffASession.class));
        assertThat(lastLine(off)).isEqualTo(Reproduce.line(CutsOffASession.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class LeaksAThread {
        static Group app() {
            return new Group("mail").add("mailer", ctx -> {
                Thread retry = new Thread(LeaksAThread::retriesForever, "mail-retry");
                retry.setDaemon(true);
                retry.start();
                ctx.awaitStop();
            });
        }

        static void retriesForever() {
            try {
                release.await(); // planted: nobody stops this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Test
        void passes() {
        }
    }

    @Test
    void aLeakedThreadNamesTheActorAndWhereTheThreadWaits() throws Exception {
        String message = record("leaked thread", FixtureRun.boundedOf(Map.of(), LeaksAThread.class).classFailure(LeaksAThread.class));

        assertThat(firstLine(message)).startsWith("group 'mail' did not stop cleanly: actor 'mailer' leaked thread 'mail-retry'"
                + " while stopping: still alive after the group stopped, WAITING on java.util.concurrent.CountDownLatch$Sync@")
                .contains(" at " + SELF + "LeaksAThread.retriesForever(FailureMessagesTest.java:" + (line(LeaksAThread.class,
                        "retriesForever") + 1) + ")");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(LeaksAThread.class));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class NestedGroupFails {
        static Group app() {
            return new Group("outer")
                    .add("jobs", ctx -> {
                        ctx.ready();
                        runInner();
                    })
                    .add("web", ActorContext::awaitStop);
        }

        static void runInner() {
            new Group("inner").osSignals(false)
                            .add("worker", c -> {
                                c.ready();
                                c.awaitStop();
                            })
                            .add("indexer", c -> {
                                c.ready();
                                indexes();
                            }).run();
        }

        static void indexes() throws Exception {
            release.await(java.time.Duration.ofMillis(300).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IOException("index corrupt"); // planted
        }

        @Test
        void passes() throws InterruptedException {
            release.await();
        }
    }

    @Test
    void aFailureInANestedGroupIsANestedBlockUnderAOneLineHeadline() throws Exception {
        String message = record("nested group (the test)", FixtureRun.boundedOf(Map.of(), NestedGroupFails.class).testFailure("passes"));

        assertThat(firstLine(message)).startsWith("app 'outer' stopped during this test: actor 'jobs' failed:"
                + " dev.runstop.GroupFailedException: group 'inner' failed: actor 'indexer' failed: java.io.IOException: index"
                + " corrupt (while running, at " + SELF + "NestedGroupFails.indexes(FailureMessagesTest.java:"
                + (line(NestedGroupFails.class, "indexes") + 1) + "))");
        assertThat(lastLine(message)).isEqualTo(Reproduce.line(NestedGroupFails.class));
        assertThat(message.lines().count()).as("the test's message is the headline and the reproduce line").isEqualTo(2);
    }

    @Test
    void aNestedGroupsReportIsAnIndentedBlockOfTheOuterReport() throws Exception {
        Throwable teardown = FixtureRun.boundedOf(Map.of(), NestedGroupFails.class).classFailure(NestedGroupFails.class);
        List<String> lines = record("nested group (the class, at teardown)", teardown).lines().toList();

        assertThat(lines.get(0)).startsWith("group 'outer' failed: actor 'jobs' failed: dev.runstop.GroupFailedException:");
        assertThat(lines).filteredOn(l -> l.startsWith("  jobs ")).singleElement()
                .satisfies(row -> assertThat(row).endsWith("(nested report below)"));
        int block = lines.indexOf("nested group 'inner' in actor 'jobs':");
        assertThat(block).as(teardown.getMessage()).isPositive();
        assertThat(lines.get(block + 1)).startsWith("    group 'inner' stopped because actor 'indexer' failed");
        assertThat(lines.subList(block + 1, lines.size())).anySatisfy(l -> assertThat(l).startsWith("      indexer "));
    }

    // ---- blame: a reproduce line names the classes that hold the cause ----

    static final CountDownLatch sharedRelease = new CountDownLatch(1);

    static final RunstopExtension SHARED = RunstopExtension.forApp(() -> new Group("shared-shop")
            .stopDeadline(java.time.Duration.ofMillis(300))
            .add("stubborn", ctx -> sharedRelease.await(), cause -> { })).shared();

    @Fixture
    static class SharedFirst {
        @org.junit.jupiter.api.extension.RegisterExtension
        static RunstopExtension app = SHARED;

        @Test
        void uses() {
        }
    }

    @Fixture
    static class SharedSecond {
        @org.junit.jupiter.api.extension.RegisterExtension
        static RunstopExtension app = SHARED;

        @Test
        void uses() {
        }
    }

    @Test
    void aSharedAppsFailureIsReproducedByTheClassesThatSharedItNotByOneOfThemAlone() throws Exception {
        try {
            FixtureRun run = FixtureRun.boundedOf(Map.of(), SharedFirst.class, SharedSecond.class);
            String message = record("shared app: reproduce line names every class", SharedScopeTest.endOfRunFailure(run));

            assertThat(firstLine(message)).startsWith("group 'shared-shop' did not stop cleanly: actor 'stubborn' is a straggler");
            assertThat(lastLine(message)).isIn(Reproduce.together(List.of(SharedFirst.class, SharedSecond.class)),
                    Reproduce.together(List.of(SharedSecond.class, SharedFirst.class)));
            assertThat(lastLine(message)).contains("'FailureMessagesTest$SharedFirst'", "'FailureMessagesTest$SharedSecond'",
                    "the app is shared by 2 classes");
        } finally {
            sharedRelease.countDown();
        }
    }

    @Test
    void aLifecycleStressFindingIsInTheGallery() throws Exception {
        Class<?> buggy = Class.forName("dev.runstop.junit.stress.LifecycleStressExtensionTest$BuggyApp");
        FixtureRun run = FixtureRun.boundedOf(Map.of(), buggy);
        List<Throwable> failures = new ArrayList<>();
        run.results.testEvents().failed().stream()
                .forEach(e -> e.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .ifPresent(failures::add));
        String message = record("lifecycle stress finding", failures.get(0));

        assertThat(firstLine(message)).contains("lifecycle stress of group 'fragile' failed in cycle ");
        assertThat(message).contains("stop() of actor 'connection' threw").contains("-Drunstop.stress.seed=");
    }

    /** The line of the first statement of a fixture's method: where its planted line is, or the base to count from. */
    private static int line(Class<?> fixture, String method) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src", "test", "java", "dev", "runstop", "junit", "FailureMessagesTest.java"));
        String nested = "static class " + fixture.getSimpleName() + " {";
        int at = source.indexOf(source.stream().filter(l -> l.contains(nested)).findFirst().orElseThrow());
        for (int i = at; i < source.size(); i++) {
            if (source.get(i).matches("\\s*static void " + method + "\\(.*")) {
                return i + 2; // the first statement, one line below the declaration (lines count from 1)
            }
        }
        throw new AssertionError("no method " + method + " in " + fixture);
    }

    static Map<String, String> gallery() {
        return new LinkedHashMap<>(GALLERY);
    }
}
