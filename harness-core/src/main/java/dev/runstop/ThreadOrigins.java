package dev.runstop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where each platform thread of the JVM was started: the stack of the {@code Thread.start()} call, for
 * the leak report to name the line of code that started a leaked thread.
 *
 * <p>It is a JFR stream of the {@code jdk.ThreadStart} and {@code jdk.ThreadEnd} events with stack
 * traces, kept for the life of the JVM once started; only live threads are remembered. Starting it costs
 * about half a second once per JVM and adds JFR's threads; each thread start then costs one event with
 * its stack. JFR hands events over about once a second, so a leak check that finds a leaked thread whose
 * start it has not seen yet waits for the next hand-over (up to about two seconds), and only then.
 * Hence off unless asked for: {@link Group#leakOrigins(boolean)}, or the system property
 * {@value #PROPERTY}{@code =true}.
 */
final class ThreadOrigins {
    /** The system property that turns creation sites on for every group. */
    static final String PROPERTY = "runstop.leaks.origins";
    /** How long a leak check waits for JFR to hand over the start of a leaked thread. */
    private static final long HANDOVER_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Threads with a lower id were made before the recording started: their start is not in it. */
    private static volatile long firstRecordedId = Long.MAX_VALUE;

    private static final Map<Long, StackTraceElement[]> STARTS = new ConcurrentHashMap<>();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final Condition FLUSHED = LOCK.newCondition();

    /** Guarded by {@code ThreadOrigins.class}. */
    private static Object stream;
    /** Guarded by {@code ThreadOrigins.class}. */
    private static boolean unavailable;

    private ThreadOrigins() {
    }

    /** @return true if the system property asks for creation sites */
    static boolean askedByProperty() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Starts recording thread starts for the rest of the JVM's life. Idempotent.
     *
     * @return true if recording, false if this JVM has no JFR
     */
    static synchronized boolean start() {
        if (stream != null) {
            return true;
        }
        if (unavailable) {
            return false;
        }
        // started on a thread of the top thread group: JFR's own threads inherit the starting thread's group
        ThreadGroup top = Threads.top(Thread.currentThread().getThreadGroup());
        Object[] made = new Object[1];
        Thread starter = new Thread(top, () -> {
            try {
                made[0] = Jfr.start();
            } catch (Throwable noJfr) {
                System.getLogger(Group.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot record where threads start (JFR): leak reports name no creation site", noJfr);
                made[0] = null;
            }
        }, "runstop-thread-origins");
        starter.setDaemon(true);
        starter.setContextClassLoader(null);
        starter.start();
        boolean interrupted = false;
        while (true) {
            try {
                starter.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        stream = made[0];
        unavailable = stream == null;
        if (stream != null) {
            @SuppressWarnings("deprecation")
            long next = new Thread(() -> { }).getId(); // ids only grow: every later thread has a higher one
            firstRecordedId = next;
        }
        return stream != null;
    }

    static synchronized boolean isRecording() {
        return stream != null;
    }

    /**
     * The stack that started a thread, waiting for JFR's next hand-over if the start is not known yet.
     *
     * @return the stack of its {@code Thread.start()}, innermost first, or an empty list if unknown
     */
    @SuppressWarnings("deprecation")
    static List<StackTraceElement> of(Thread thread) {
        if (!isRecording()) {
            return List.of();
        }
        long id = thread.getId();
        if (id < firstRecordedId) {
            return List.of(); // made before the recording started
        }
        StackTraceElement[] known = STARTS.get(id);
        if (known != null) {
            return List.of(known);
        }
        // JFR hands events over about once a second, later on a loaded machine: wait for this one, at each hand-over
        long deadline = System.nanoTime() + HANDOVER_NANOS;
        boolean interrupted = false;
        LOCK.lock();
        try {
            while ((known = STARTS.get(id)) == null && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    FLUSHED.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        } finally {
            LOCK.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return known == null ? List.of() : List.of(known);
    }

    private static void flushed() {
        LOCK.lock();
        try {
            FLUSHED.signalAll();
        } finally {
            LOCK.unlock();
        }
    }

    /** The JFR calls, apart so that a JVM without the jdk.jfr module fails only here. */
    private static final class Jfr {
        static Object start() {
            jdk.jfr.consumer.RecordingStream rs = new jdk.jfr.consumer.RecordingStream();
            rs.enable("jdk.ThreadStart").withStackTrace();
            rs.enable("jdk.ThreadEnd");
            rs.setReuse(false);
            rs.setMaxAge(java.time.Duration.ofSeconds(10));
            rs.onEvent("jdk.ThreadStart", e -> {
                jdk.jfr.consumer.RecordedThread t = e.getThread("thread");
                jdk.jfr.consumer.RecordedStackTrace stack = e.getStackTrace();
                if (t != null && stack != null) {
                    STARTS.put(t.getJavaThreadId(), frames(stack));
                }
            });
            rs.onEvent("jdk.ThreadEnd", e -> {
                jdk.jfr.consumer.RecordedThread t = e.getThread("thread");
                if (t != null) {
                    STARTS.remove(t.getJavaThreadId());
                }
            });
            rs.onFlush(ThreadOrigins::flushed);
            rs.startAsync();
            return rs;
        }

        private static StackTraceElement[] frames(jdk.jfr.consumer.RecordedStackTrace stack) {
            List<jdk.jfr.consumer.RecordedFrame> frames = stack.getFrames();
            StackTraceElement[] out = new StackTraceElement[frames.size()];
            for (int i = 0; i < out.length; i++) {
                jdk.jfr.consumer.RecordedFrame f = frames.get(i);
                String type = f.getMethod().getType().getName();
                String top = type.indexOf('$') < 0 ? type : type.substring(0, type.indexOf('$'));
                String file = top.substring(top.lastIndexOf('.') + 1) + ".java"; // JFR keeps no source file name
                out[i] = new StackTraceElement(type, f.getMethod().getName(), file, f.getLineNumber());
            }
            return out;
        }
    }
}
