package dev.runstop.testcontainers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * A log consumer that keeps the last lines a container printed (standard output and error, in the
 * order they arrived), so that an error about the container can show them even after the container
 * was removed. Bounded in lines and in line length.
 */
final class LogTail implements Consumer<OutputFrame> {
    static final int MAX_LINE_LENGTH = 500;

    private final int capacity;
    private final ArrayDeque<String> lines;
    private volatile CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean sawFrame;

    LogTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    @Override
    public void accept(OutputFrame frame) {
        if (frame == OutputFrame.END) {
            ended.countDown();
            return;
        }
        sawFrame = true;
        String text = frame.getUtf8StringWithoutLineEnding();
        if (text.length() > MAX_LINE_LENGTH) {
            text = text.substring(0, MAX_LINE_LENGTH) + "... (" + text.length() + " characters)";
        }
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(text);
        }
    }

    /** Forgets what an earlier run of the container printed; called before each start. */
    void reset() {
        synchronized (lines) {
            lines.clear();
        }
        sawFrame = false;
        ended = new CountDownLatch(1);
    }

    /**
     * Waits, up to the timeout, until the container's log stream has ended (it ends when the container
     * stops or is removed), so that every line it printed has arrived. Returns at once if the stream never
     * delivered anything: then it may never have been attached.
     */
    void awaitEnd(Duration timeout) {
        if (!sawFrame) {
            return;
        }
        try {
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param lines log lines, oldest first
     * @return {@code "; last N log lines:"} and the lines, each on its own indented line, or
     *     {@code "; no log output"}
     */
    static String describe(List<String> lines) {
        if (lines.isEmpty()) {
            return "; no log output";
        }
        StringBuilder out = new StringBuilder("; last ").append(lines.size()).append(lines.size() == 1 ? " log line:" : " log lines:");
        for (String line : lines) {
            out.append(System.lineSeparator()).append("    | ").append(line);
        }
        return out.toString();
    }

    /** @return the last lines, oldest first */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
