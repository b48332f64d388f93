package dev.runstop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Records which thread started each child process of this JVM, so that the process leak check can
 * blame a process started directly with {@link ProcessBuilder} on an actor's thread on that actor.
 * Processes started through {@link Actors#process} are always attributed; this is only for the others.
 *
 * <p>It is a JFR recording of the {@code jdk.ProcessStart} event only, kept on disk (at most 16 MB) for
 * the life of the JVM. Starting it costs about half a second once per JVM and adds the JFR threads,
 * which wake up now and then for the rest of the JVM's life (enough to slow down the lifecycle stress,
 * which waits until no thread of the JVM is runnable); each process start costs one small event, and
 * only a leak check that finds a live child it cannot explain reads the recording (some tens of
 * milliseconds). Hence off unless asked for: call
 * {@link #record()} before the processes start, or set the system property
 * {@code runstop.recordProcessStarts=true} (read when the first group starts). Without it, a live child
 * that no adapter started is reported as unattributed, which does not make a stop unclean.
 */
public final class ProcessStarts {
    /** The system property that turns recording on when the first group starts. */
    public static final String PROPERTY = "runstop.recordProcessStarts";

    /** Guarded by {@code ProcessStarts.class}. */
    private static Object recording;
    /** Guarded by {@code ProcessStarts.class}. */
    private static boolean unavailable;

    private ProcessStarts() {
    }

    /**
     * Starts recording process starts for the rest of the JVM's life. Idempotent.
     *
     * @return true if recording, false if this JVM has no JFR
     */
    public static synchronized boolean record() {
        if (recording != null) {
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
                made[0] = null;
            }
        }, "runstop-process-starts");
        starter.setDaemon(true);
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
        recording = made[0];
        unavailable = recording == null;
        return recording != null;
    }

    /** @return true if process starts are being recorded */
    public static synchronized boolean isRecording() {
        return recording != null;
    }

    static void recordIfAsked() {
        if (Boolean.getBoolean(PROPERTY)) {
            record();
        }
    }

    /** One recorded process start. */
    record Start(long pid, Instant at, long threadId, String threadName, String threadGroup, String frame) {
    }

    /** @return the recorded starts of these pids, the latest per pid; empty if not recording */
    static Map<Long, Start> lookup(Set<Long> pids) {
        Object r;
        synchronized (ProcessStarts.class) {
            r = recording;
        }
        if (r == null || pids.isEmpty()) {
            return Map.of();
        }
        try {
            return Jfr.read(r, pids);
        } catch (Exception | LinkageError e) {
            System.getLogger(ProcessStarts.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot read the recording of process starts; live child processes are reported as unattributed", e);
            return Map.of();
        }
    }

    /** The JFR calls, apart so that a JVM without the jdk.jfr module fails only here. */
    private static final class Jfr {
        static Object start() {
            jdk.jfr.Recording r = new jdk.jfr.Recording();
            r.setName("runstop process starts");
            r.enable("jdk.ProcessStart").withStackTrace();
            r.setToDisk(true);
            r.setMaxSize(16L * 1024 * 1024);
            r.start();
            return r;
        }

        static Map<Long, Start> read(Object recording, Set<Long> pids) throws Exception {
            Path file = Files.createTempFile("runstop-process-starts", ".jfr");
            try {
                ((jdk.jfr.Recording) recording).dump(file);
                Map<Long, Start> found = new HashMap<>();
                for (jdk.jfr.consumer.RecordedEvent e : jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
                    if (!e.getEventType().getName().equals("jdk.ProcessStart")) {
                        continue;
                    }
                    long pid = e.getLong("pid");
                    if (!pids.contains(pid)) {
                        continue;
                    }
                    jdk.jfr.consumer.RecordedThread t = e.getThread();
                    String group = t == null || t.getThreadGroup() == null ? null : t.getThreadGroup().getName();
                    String frame = null;
                    if (e.getStackTrace() != null) {
                        for (jdk.jfr.consumer.RecordedFrame f : e.getStackTrace().getFrames()) {
                            String type = f.getMethod().getType().getName();
                            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                                frame = type + "." + f.getMethod().getName() + " line " + f.getLineNumber();
                                break;
                            }
                        }
                    }
                    Start s = new Start(pid, e.getStartTime(), t == null ? -1 : t.getJavaThreadId(),
                            t == null ? null : t.getJavaName(), group, frame);
                    Start before = found.get(pid);
                    if (before == null || before.at().isBefore(s.at())) {
                        found.put(pid, s);
                    }
                }
                return found;
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

}
