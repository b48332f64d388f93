package dev.runstop;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last lines a process wrote, kept in a bounded ring, and the pump that reads one of its streams
 * line by line into it. Lines longer than {@link #MAX_LINE} characters are cut.
 */
final class OutputTail {
    static final int MAX_LINE = 2000;

    private final int capacity;
    /** Guarded by {@code this}. */
    private final ArrayDeque<String> lines;
    /** Guarded by {@code this}: lines dropped from the front of the ring. */
    private long dropped;

    OutputTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 64));
    }

    synchronized void add(String line) {
        if (capacity == 0) {
            dropped++;
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line);
    }

    /** @return the kept lines, oldest first */
    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** @return the tail as an indented block, with a headline; "no output" if there is none */
    synchronized String render() {
        if (lines.isEmpty()) {
            return dropped == 0 ? "(no output)" : "(" + dropped + " lines of output, none kept)";
        }
        StringBuilder out = new StringBuilder(dropped == 0 ? "output (" + lines.size() + " lines):"
                : "last " + lines.size() + " lines of output (" + dropped + " earlier lines not kept):");
        for (String l : lines) {
            out.append(System.lineSeparator()).append("  ").append(l);
        }
        return out.toString();
    }

    /**
     * Reads a stream to its end, line by line, and hands each line (prefixed) to the tail and then to
     * {@code onLine}. Closes the stream at the end. Never throws: a read error ends the pump with a last line.
     */
    static void pump(InputStream stream, Charset charset, String prefix, OutputTail tail, Consumer<String> onLine) {
        try (Reader in = new InputStreamReader(stream, charset)) {
            StringBuilder line = new StringBuilder();
            boolean cut = false;
            char[] buf = new char[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        emit(line, cut, prefix, tail, onLine);
                        line.setLength(0);
                        cut = false;
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    } else {
                        cut = true;
                    }
                }
            }
            if (line.length() > 0) {
                emit(line, cut, prefix, tail, onLine);
            }
        } catch (IOException e) {
            tail.add(prefix + "(reading the output failed: " + e + ")");
        }
    }

    private static void emit(StringBuilder line, boolean cut, String prefix, OutputTail tail, Consumer<String> onLine) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        String text = line + (cut ? " [cut]" : "");
        tail.add(prefix + text);
        onLine.accept(text);
    }
}
