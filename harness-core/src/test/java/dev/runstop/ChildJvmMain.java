package dev.runstop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * A JVM the process tests start, in one of two modes:
 * <ul>
 *   <li>{@code hold <pid-file>}: runs a group whose process actor starts a shell (with a child) that ignores
 *       SIGTERM, writes the pids of that tree to the file, prints {@code ready} and waits to be killed;</li>
 *   <li>{@code naive}: wraps a child that ignores SIGTERM with a plain {@code Actors.service}, without
 *       recording process starts, and prints the stop report.</li>
 * </ul>
 */
public final class ChildJvmMain {
    private ChildJvmMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            hold(Path.of(args[1]));
        } else {
            naive();
        }
    }

    private static void hold(Path pidFile) throws Exception {
        ProcessActor actor = Actors.process(new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 1000 & echo up; wait"))
                .readyOnLine("^up$").build();
        Group group = new Group("held").osSignals(false);
        group.add("shell", actor);
        RunningGroup running = group.start();
        running.awaitReady(Duration.ofSeconds(60));
        ProcessHandle root = ProcessHandle.of(actor.pid().orElseThrow()).orElseThrow();
        String pids = ProcessTree.snapshot(root).stream().map(h -> String.valueOf(h.pid())).collect(Collectors.joining(" "));
        Files.writeString(pidFile, pids);
        System.out.println("ready");
        new CountDownLatch(1).await(); // until SIGTERM
    }

    private static void naive() throws Exception {
        Process[] child = new Process[1];
        Group group = new Group("naive").osSignals(false);
        group.add("svc", Actors.service(() -> child[0] = new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep 1000").start(),
                () -> child[0].destroy()));
        RunningGroup running = group.start();
        running.awaitReady(Duration.ofSeconds(60));
        StopReport report = running.stopAndAwait("done");
        System.out.println("child " + child[0].pid());
        System.out.println(report);
        child[0].destroyForcibly().waitFor();
    }
}
