package dev.runstop;

import static dev.runstop.Fixtures.await;
import static dev.runstop.Fixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Each kind of lifecycle bug, planted: the first line of the failure names the actor, the phase, the user
 * frame of the planted line, and the lock and its owner where one applies.
 */
class DiagnosisTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);

    // ---- deadlock at stop: a monitor and a ReentrantLock, taken in opposite orders ----

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();

    private void monitorThenLock(CyclicBarrier bothHoldOne) throws Exception {
        synchronized (monitor) {
            bothHoldOne.await();
            lock.lockInterruptibly(); // planted: waits for 'right', which waits for this monitor
            lock.unlock();
        }
    }

    private void lockThenMonitor(CyclicBarrier bothHoldOne) throws Exception {
        lock.lock();
        try {
            bothHoldOne.await();
            synchronized (monitor) { // planted: waits for 'left', which waits for this lock
                monitor.notifyAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Test
    void twoActorsWaitingOnEachOthersLocksAtStopAreOneDeadlockNotTwoStragglers() throws Exception {
        CyclicBarrier bothHoldOne = new CyclicBarrier(3);
        AtomicReference<Thread> left = new AtomicReference<>();
        RunningGroup running = group("locks").stopDeadline(DEADLINE)
                .add("left", ctx -> {
                    left.set(Thread.currentThread());
                    monitorThenLock(bothHoldOne);
                }, cause -> { })
                .add("right", ctx -> lockThenMonitor(bothHoldOne), cause -> { })
                .start();
        bothHoldOne.await();
        StopReport report = running.stopAndAwait("test over");
        left.get().interrupt(); // breaks the cycle: 'left' gives up the lock it waits for, and its monitor

        assertThat(report.stragglers()).extracting(ActorReport::name).containsExactly("left", "right");
        assertThat(report.problems()).extracting(ActorException::problem).containsExactly(ActorException.Problem.DEADLOCK);
        String first = report.failure().orElseThrow().getMessage().lines().findFirst().orElseThrow();
        System.out.println("[diagnosis] deadlock: " + first);
        assertThat(first).startsWith("group 'locks' did not stop cleanly: deadlock between 'left' and 'right' while stopping: ")
                .contains("'left' run() stuck at dev.runstop.DiagnosisTest.monitorThenLock(DiagnosisTest.java:")
                .contains("WAITING on java.util.concurrent.locks.ReentrantLock$NonfairSync@").contains("held by 'locks/right'")
                .contains("'right' run() stuck at dev.runstop.DiagnosisTest.lockThenMonitor(DiagnosisTest.java:")
                .contains("BLOCKED on java.lang.Object@").contains("held by 'locks/left'");
        ActorException deadlock = report.problems().get(0);
        assertThat(deadlock.getStackTrace()[0].getClassName()).isEqualTo("jdk.internal.misc.Unsafe");
        assertThat(deadlock.getSuppressed()).singleElement().satisfies(other -> assertThat(other.getStackTrace())
                .extracting(StackTraceElement::getMethodName).contains("lockThenMonitor"));
        assertThat(report.toString()).contains("NOT clean: 1 deadlock, 2 stragglers");
    }

    private final ReentrantLock runLock = new ReentrantLock();
    private final ReentrantLock stopLock = new ReentrantLock();

    private void runHoldsThenWaits(CountDownLatch stopHoldsItsLock) throws Exception {
        runLock.lock();
        try {
            stopHoldsItsLock.await();
            stopLock.lockInterruptibly(); // planted: 'feed's stop() holds it and waits for this run's lock
            stopLock.unlock();
        } finally {
            runLock.unlock();
        }
    }

    private void stopHoldsThenWaits(CountDownLatch stopHoldsItsLock) {
        stopLock.lock();
        try {
            stopHoldsItsLock.countDown();
            runLock.lock(); // planted: held by 'cache's run(), which waits for this stop's lock
            runLock.unlock();
        } finally {
            stopLock.unlock();
        }
    }

    @Test
    void aStopCallWaitingOnAnotherActorsRunThreadInACycleIsADeadlockToo() throws Exception {
        CountDownLatch stopHoldsItsLock = new CountDownLatch(1);
        CountDownLatch runEntered = new CountDownLatch(1);
        CountDownLatch feedEnds = new CountDownLatch(1);
        AtomicReference<Thread> cache = new AtomicReference<>();
        RunningGroup running = group("cross").stopDeadline(DEADLINE)
                .add("cache", ctx -> {
                    cache.set(Thread.currentThread());
                    runEntered.countDown();
                    runHoldsThenWaits(stopHoldsItsLock);
                }, cause -> { })
                .add("feed", ctx -> feedEnds.await(), cause -> stopHoldsThenWaits(stopHoldsItsLock))
                .start();
        await(runEntered, "cache's run");
        StopReport report = running.stopAndAwait("test over");
        cache.get().interrupt();
        feedEnds.countDown();

        ActorException deadlock = report.problems().stream().filter(p -> p.problem() == ActorException.Problem.DEADLOCK)
                .findFirst().orElseThrow(() -> new AssertionError(report.toString()));
        System.out.println("[diagnosis] run/stop deadlock: " + deadlock.getMessage());
        assertThat(deadlock.getMessage()).startsWith("deadlock between 'cache' and 'feed' while stopping: ")
                .contains("'cache' run() stuck at dev.runstop.DiagnosisTest.runHoldsThenWaits(DiagnosisTest.java:")
                .contains("'feed' stop() on thread 'cross/stopper' stuck at dev.runstop.DiagnosisTest.stopHoldsThenWaits(DiagnosisTest.java:")
                .contains("ReentrantLock$NonfairSync@").contains("held by 'cross/cache'").contains("held by 'cross/stopper'");
        assertThat(report.problems()).extracting(ActorException::problem).doesNotContain(ActorException.Problem.STOP_HUNG)
                .contains(ActorException.Problem.STRAGGLER); // feed's run, waiting on its own latch, is a plain straggler
    }

    @Test
    void aStopBlockedOnALockWithoutACycleIsAHungStopNamingTheLockAndOwner() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RunningGroup running = group("hang").stopDeadline(DEADLINE)
                .add("loop", ctx -> {
                    synchronized (monitor) {
                        held.countDown();
                        Fixtures.ignoreStopForever(release);
                    }
                }, cause -> stopWantsTheLoopsMonitor())
                .start();
        await(held, "the loop's monitor");
        StopReport report = running.stopAndAwait("test over");
        release.countDown();

        assertThat(report.problems()).extracting(ActorException::problem)
                .containsExactly(ActorException.Problem.STOP_HUNG, ActorException.Problem.STRAGGLER);
        assertThat(report.problems().get(0).getMessage())
                .startsWith("stop() of actor 'loop' hung: it did not return within the stop deadline of 300ms while stopping; ")
                .contains("stuck at dev.runstop.DiagnosisTest.stopWantsTheLoopsMonitor(DiagnosisTest.java:")
                .contains("BLOCKED on java.lang.Object@").contains("held by 'hang/loop'");
    }

    private void stopWantsTheLoopsMonitor() {
        synchronized (monitor) { // planted: the run loop holds this monitor and never lets go
            monitor.notifyAll();
        }
    }

    // ---- swallowed interrupt ----

    private static void swallowsInterrupts(CountDownLatch release, CountDownLatch caught) {
        while (release.getCount() > 0) {
            try {
                release.await(); // planted: the interrupt is caught below and the loop goes on
            } catch (InterruptedException e) {
                caught.countDown();
            }
        }
    }

    @Test
    void anInterruptibleActorThatSwallowsTheInterruptIsNamedSoWithItsFrame() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch caught = new CountDownLatch(1);
        RunningGroup running = group("intr").stopDeadline(Duration.ofSeconds(1))
                .add("poller", Actors.interruptible(ctx -> swallowsInterrupts(release, caught)))
                .add("plain", ctx -> Fixtures.ignoreStopForever(release), cause -> { })
                .start();
        running.awaitReady(Fixtures.LONG);
        StopReport report = running.stopAndAwait("test over");
        await(caught, "the poller to catch its interrupt");
        release.countDown();

        assertThat(report.actor("poller").interruptAtStop()).isEqualTo(InterruptAtStop.SWALLOWED);
        assertThat(report.actor("plain").interruptAtStop()).as("never interrupted: a plain straggler")
                .isEqualTo(InterruptAtStop.NONE);
        ActorException poller = report.problems().stream().filter(p -> p.actor().equals("poller")).findFirst().orElseThrow();
        System.out.println("[diagnosis] swallowed interrupt: " + poller.getMessage());
        assertThat(poller.getMessage()).startsWith("actor 'poller' is a straggler: interrupted at stop and kept running")
                .contains("while stopping")
                .contains("stuck at dev.runstop.DiagnosisTest.swallowsInterrupts(DiagnosisTest.java:");
        ActorException plain = report.problems().stream().filter(p -> p.actor().equals("plain")).findFirst().orElseThrow();
        assertThat(plain.getMessage()).startsWith("actor 'plain' is a straggler: still running while stopping")
                .doesNotContain("interrupted");
        assertThat(report.toString()).contains("interrupted at stop and kept running");
    }

    // ---- missing ready() ----

    private static void forgetsReady(ActorContext ctx) throws InterruptedException {
        ctx.awaitStop(); // planted: a signalling actor that waits for its stop without saying it is ready
    }

    @Test
    void anActorThatMustSignalReadyButWaitsForItsStopIsNamedWithItsFrame() throws Exception {
        RunningGroup running = group("ready").add("quiet", new Actor() {
            @Override
            public void run(ActorContext ctx) throws Exception {
                forgetsReady(ctx);
            }

            @Override
            public void stop(Throwable cause) {
                // awaitStop returns on its own
            }

            @Override
            public boolean signalsReady() {
                return true;
            }
        }).start();
        StartFailedException failure = catchThrowableOfType(StartFailedException.class,
                () -> running.awaitReady(Duration.ofMillis(300)));
        running.stopAndAwait("test over");

        String first = failure.getMessage().lines().findFirst().orElseThrow();
        System.out.println("[diagnosis] missing ready: " + first);
        assertThat(first).startsWith("group 'ready' was not ready within 300ms: 1 of 1 actors not ready: 'quiet' never called"
                + " ctx.ready(): it waits in ctx.awaitStop() at dev.runstop.DiagnosisTest.forgetsReady(DiagnosisTest.java:")
                .contains("while starting");
    }

    // ---- frames: never a lambda proxy, a JDK frame or the runtime's own ----

    @Test
    void theStuckFrameOfALambdaOrMethodReferenceIsTheUsersLineWithoutLoaderPrefixes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FRAMES_RELEASE = release;
        Actor.Body byLambda = ctx -> Fixtures.ignoreStopForever(release);
        RunningGroup running = group("frames").stopDeadline(DEADLINE)
                .add("ref", DiagnosisTest::stuckByReference, cause -> { })
                .add("lambda", byLambda, cause -> { })
                .start();
        running.awaitReady(Fixtures.LONG);
        StopReport report = running.stopAndAwait("test over");
        release.countDown();

        assertThat(report.problems()).hasSize(2);
        assertThat(report.actor("ref").stuck().orElseThrow().where())
                .startsWith("dev.runstop.Fixtures.ignoreStopForever(Fixtures.java:");

        for (ActorException p : report.problems()) {
            String first = p.getMessage().lines().findFirst().orElseThrow();
            assertThat(first).doesNotContain("$$Lambda", "app//", "java.base@", "dev.runstop.Actors", "dev.runstop.ActorCell");
        }
        assertThat(report.actor("lambda").stuck().orElseThrow().where())
                .startsWith("dev.runstop.Fixtures.ignoreStopForever(Fixtures.java:");
        // the full stack keeps what a thread dump shows
        assertThat(report.actor("lambda").stuck().orElseThrow().toString()).contains("java.base");
    }

    private static volatile CountDownLatch FRAMES_RELEASE;

    private static void stuckByReference(ActorContext ctx) {
        Fixtures.ignoreStopForever(FRAMES_RELEASE);
    }

    @Test
    void aFrameOfAJdkOrProxyClassIsNeverTheUsersFrame() {
        StackTraceElement[] stack = {
            new StackTraceElement(null, "java.base", null, "jdk.internal.misc.Unsafe", "park", null, -2),
            new StackTraceElement("dev.runstop.Actors$1", "run", "Actors.java", 80),
            new StackTraceElement("com.acme.Feed$$Lambda$879/0x0000000800c4b040", "run", null, -1),
            new StackTraceElement("app", null, null, "com.acme.Feed", "poll", "Feed.java", 42),
        };
        assertThat(ThreadSnapshot.brief(ThreadSnapshot.firstUserFrame(stack))).isEqualTo("com.acme.Feed.poll(Feed.java:42)");
        assertThat(stack[3].toString()).startsWith("app//com.acme.Feed");
    }

    // ---- sessions cut off ----

    private static void opensAndHolds(ActorContext ctx, CountDownLatch opened, CountDownLatch release) throws InterruptedException {
        try (Session s = ctx.openSession("GET /slow")) { // planted: never closed before the deadline
            opened.countDown();
            release.await();
        }
    }

    @Test
    void aSessionCutOffNamesTheFrameThatOpenedItWhenStacksAreOnAndHowToTurnThemOnWhenOff() throws Exception {
        for (boolean stacks : new boolean[] {true, false}) {
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RunningGroup running = group("web").stopDeadline(DEADLINE).recordSessionStacks(stacks)
                    .add("http", ctx -> {
                        Thread holder = new Thread(() -> {
                            try {
                                opensAndHolds(ctx, opened, release);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, "web-worker");
                        holder.setDaemon(true);
                        holder.start();
                        ctx.awaitStop();
                    })
                    .start();
            await(opened, "the session");
            StopReport report = running.stopAndAwait("test over");
            release.countDown();

            ActorException cut = report.problems().stream().filter(p -> p.problem() == ActorException.Problem.SESSION_CUT_OFF)
                    .findFirst().orElseThrow(() -> new AssertionError(report.toString()));
            System.out.println("[diagnosis] cut off (stacks " + stacks + "): " + cut.getMessage());
            assertThat(cut.getMessage()).startsWith("actor 'http': session 'GET /slow' was cut off: still open at the stop"
                    + " deadline of 300ms while stopping; ");
            if (stacks) {
                assertThat(cut.getMessage()).contains("opened at dev.runstop.DiagnosisTest.opensAndHolds(DiagnosisTest.java:");
            } else {
                assertThat(cut.getMessage()).contains("where it opened is not recorded")
                        .contains("Group.recordSessionStacks(true)").contains("runstop.session-stacks=true");
            }
        }
    }

    // ---- nested groups ----

    @Test
    void aFailureInANestedGroupIsANestedBlockAndTheHeadlineStaysOneLine() throws Exception {
        Group outer = group("outer").add("jobs", ctx -> group("inner")
                .add("worker", c -> {
                    c.ready();
                    failsInWorker();
                })
                .add("idle", Fixtures.untilStopped())
                .run())
                .add("web", Fixtures.untilStopped());
        GroupFailedException failure = catchThrowableOfType(GroupFailedException.class, outer::run);

        String message = failure.getMessage();
        System.out.println("[diagnosis] nested group:\n" + message);
        List<String> lines = message.lines().toList();
        assertThat(lines.get(0)).startsWith("group 'outer' failed: actor 'jobs' failed: dev.runstop.GroupFailedException:"
                + " group 'inner' failed: actor 'worker' failed: java.io.IOException: disk full (while running, at"
                + " dev.runstop.DiagnosisTest.failsInWorker(DiagnosisTest.java:");
        assertThat(lines.get(1)).startsWith("group 'outer' stopped because actor 'jobs' failed (");
        assertThat(lines).filteredOn(l -> l.startsWith("  jobs ")).singleElement()
                .satisfies(row -> assertThat(row).contains("(nested report below)").doesNotContain("  worker "));
        int nested = lines.indexOf("nested group 'inner' in actor 'jobs':");
        assertThat(nested).as(message).isPositive();
        assertThat(lines.get(nested + 1)).startsWith("    group 'inner' stopped because actor 'worker' failed");
        assertThat(lines.subList(nested + 1, lines.size())).anySatisfy(l -> assertThat(l).startsWith("      worker "));
    }

    private static void failsInWorker() throws java.io.IOException {
        throw new java.io.IOException("disk full"); // planted
    }

    // ---- failures in the first line carry the phase and the frame ----

    @Test
    void aRunFailureAndAFailureBeforeReadyNameThePhaseAndTheFrame() throws Exception {
        GroupFailedException running = catchThrowableOfType(GroupFailedException.class, group("run")
                .add("feed", ctx -> {
                    ctx.ready();
                    failsInWorker();
                }).add("web", Fixtures.untilStopped())::run);
        assertThat(running.getMessage().lines().findFirst().orElseThrow())
                .isEqualTo("group 'run' failed: actor 'feed' failed: java.io.IOException: disk full (while running, at "
                        + "dev.runstop.DiagnosisTest.failsInWorker(DiagnosisTest.java:" + plantedLine() + "))");

        RunningGroup start = group("start").add("db", ctx -> failsInWorker()).add("web", Fixtures.untilStopped()).start();
        StartFailedException notStarted = catchThrowableOfType(StartFailedException.class, () -> start.awaitReady(Fixtures.LONG));
        start.stopAndAwait("test over");
        assertThat(notStarted.getMessage()).isEqualTo("group 'start' did not start: actor 'db' failed before it was ready:"
                + " java.io.IOException: disk full (while starting, at dev.runstop.DiagnosisTest.failsInWorker(DiagnosisTest.java:"
                + plantedLine() + "))");
    }

    /** The line of {@link #failsInWorker()}'s throw. */
    private static int plantedLine() {
        try {
            failsInWorker();
        } catch (java.io.IOException e) {
            return e.getStackTrace()[0].getLineNumber();
        }
        throw new AssertionError("it always throws");
    }
}
