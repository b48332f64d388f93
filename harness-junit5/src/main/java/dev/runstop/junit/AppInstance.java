package dev.runstop.junit;

import dev.runstop.RunningGroup;
import dev.runstop.StopCause;
import dev.runstop.StopReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One started app and what the extension knows about it while tests run. Lives in the extension
 * context's store of the test class (or test method) that owns it; closing it stops the app, so an app
 * is stopped even when the after-all callback never runs.
 */
final class AppInstance implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunstopExtension.class.getName());
    /** The app each test thread runs against now, for callbacks that know only the thread. */
    private static final Map<Thread, AppInstance> BY_THREAD = new ConcurrentHashMap<>();

    final String ownerId;
    final Class<?> testClass;
    final RunningGroup group;
    final RunningGroup view;
    final Duration startDeadline;
    final Duration handleGrace;
    final boolean interruptOnStop;
    /** Where the app's timeline page and stop report go. */
    final java.nio.file.Path outputDir;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Object testLock = new Object();
    /** The tests running against the app now; guarded by {@link #testLock}. */
    private final List<RunningTest> tests = new ArrayList<>();
    /** Whether the unexpected stop was logged; guarded by {@link #testLock}. */
    private boolean stopLogged;
    /** Set once the app became ready: a stop before is a start failure, reported by the start. */
    private volatile boolean ready;
    private volatile String currentTest = "(no test yet)";
    private volatile String stopOnPurpose;
    private volatile String stoppedDuring;
    /** The test classes that used the app, in the order they joined; more than one only for a shared app. */
    private final java.util.Set<Class<?>> users = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

    AppInstance(String ownerId, Class<?> testClass, RunningGroup group, Duration startDeadline, Duration handleGrace,
            boolean interruptOnStop, java.nio.file.Path outputDir) {
        this.outputDir = outputDir;
        this.ownerId = ownerId;
        this.testClass = testClass;
        this.users.add(testClass);
        this.group = group;
        this.startDeadline = startDeadline;
        this.handleGrace = handleGrace;
        this.interruptOnStop = interruptOnStop;
        this.view = new TestRunningGroup(group, this);
        group.termination().thenRun(this::noticeStop);
    }

    /** Records a test class that joined this (shared) app. */
    void usedBy(Class<?> testClass) {
        users.add(testClass);
    }

    /**
     * @return the reproduce line that names every class that used the app: the one class of an app per
     *     class, all the classes that shared a shared app (the cause may lie in any of them)
     */
    String reproduce() {
        List<Class<?>> all;
        synchronized (users) {
            all = List.copyOf(users);
        }
        return all.size() == 1 ? Reproduce.line(all.get(0)) : Reproduce.together(all);
    }

    /** Marks the app ready: from now on an unexpected stop is logged and interrupts running tests. */
    void becameReady() {
        ready = true;
        noticeStop();
    }

    /** @return the app the thread's running test runs against, if any */
    static Optional<AppInstance> ofThread(Thread thread) {
        return Optional.ofNullable(BY_THREAD.get(thread));
    }

    /**
     * Marks a test as running on the current thread, until {@link #ended}: from now on, an unexpected
     * stop of the app interrupts this thread (when {@link #interruptOnStop}).
     *
     * @param expectsStop the test is annotated {@link ExpectAppStop}: its stops are not unexpected
     */
    RunningTest began(String displayName, boolean expectsStop) {
        RunningTest test = new RunningTest(Thread.currentThread(), displayName, expectsStop);
        synchronized (testLock) {
            tests.add(test);
        }
        BY_THREAD.put(test.thread, this);
        AppWatch.watch(this);
        noticeStop(); // the app may have stopped between the before-each check and now
        return test;
    }

    /**
     * Ends a test begun with {@link #began}, on its own thread: after this nothing interrupts the thread
     * for this app, and an interrupt the app watch set is cleared, so it never reaches the next test or
     * the test engine.
     */
    void ended(RunningTest test) {
        boolean last;
        boolean interrupted;
        synchronized (testLock) {
            tests.remove(test);
            interrupted = test.state == RunningTest.State.INTERRUPTED;
            test.state = RunningTest.State.ENDED;
            last = tests.isEmpty();
        }
        BY_THREAD.remove(test.thread, this);
        if (last) {
            AppWatch.unwatch(this);
        }
        if (interrupted) {
            Thread.interrupted();
        }
    }

    /**
     * Called by the app watch and when the group terminates: if the app began to stop neither on purpose
     * nor by the extension's teardown, logs the cause once (WARNING) and interrupts the threads of the
     * tests running against it (when {@link #interruptOnStop}).
     */
    void noticeStop() {
        Optional<StopCause> cause = group.stopCause();
        if (cause.isEmpty() || !ready || stopped.get() || stopOnPurpose != null) {
            return;
        }
        String log = null;
        synchronized (testLock) {
            if (stopped.get() || stopOnPurpose != null || tests.stream().anyMatch(t -> t.expectsStop)) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (RunningTest test : tests) {
                if (test.state == RunningTest.State.ARMED && interruptOnStop) {
                    test.state = RunningTest.State.INTERRUPTED;
                    test.thread.interrupt();
                    names.add("'" + test.displayName + "' (its thread '" + test.thread.getName() + "' is interrupted)");
                } else {
                    names.add("'" + test.displayName + "'");
                }
            }
            if (!stopLogged) {
                stopLogged = true;
                log = "app '" + name() + "' of " + testClass.getName() + " stopped "
                        + (names.isEmpty() ? "between tests" : "during test " + String.join(", ", names))
                        + ": " + cause.get().getMessage()
                        + (interruptOnStop ? "" : " (" + RunstopExtension.INTERRUPT_KEY + "=false: tests are not interrupted)");
            }
        }
        if (log != null) {
            LOG.log(System.Logger.Level.WARNING, log);
        }
    }

    String name() {
        return group.name();
    }

    void testStarted(String displayName) {
        currentTest = displayName;
    }

    /**
     * Marks a stop that the running test asks for, unless the app is already stopping for another reason.
     *
     * @return the previous mark, to restore if the request fails
     */
    String markStopOnPurpose(String call) {
        String previous = stopOnPurpose;
        if (group.stopCause().isEmpty()) {
            stopOnPurpose = "test '" + currentTest + "' called " + call;
        }
        return previous;
    }

    void restoreStopOnPurpose(String previous) {
        stopOnPurpose = previous;
    }

    void expectStop(String displayName) {
        if (stopOnPurpose == null) {
            stopOnPurpose = "test '" + displayName + "' (annotated @ExpectAppStop) stopped it";
        }
    }

    /** @return how the tests stopped the app on purpose, or null if they did not */
    String stopOnPurpose() {
        return stopOnPurpose;
    }

    void stoppedDuring(String displayName) {
        if (stoppedDuring == null) {
            stoppedDuring = displayName;
        }
    }

    /** @return the test during which the app stopped unexpectedly, or null */
    String stoppedDuring() {
        return stoppedDuring;
    }

    /**
     * Stops the app and waits for its report, bounded by its stop deadlines, once.
     *
     * @return the report, or null if the app was already stopped by an earlier call
     */
    StopReport stop(String reason) throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return null;
        }
        return group.stopAndAwait(reason);
    }

    /** Stops the app if the after callbacks did not; fails if that stop was not clean. */
    @Override
    public void close() {
        StopReport report;
        try {
            report = stop("test context closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping app '" + name() + "' of " + testClass.getName(), e);
        }
        if (report != null && !report.clean()) {
            throw new AppStopFailedException(report.failure().orElseThrow(), reproduce());
        }
    }
}
