package dev.runstop.example;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n} or {@code \r\n} terminated) of at most a given length: a feed that never sends
 * a newline cannot exhaust memory. A longer line is consumed to its end and reported as {@link #TOO_LONG}.
 */
final class BoundedLineReader {
    /** Returned instead of a line longer than the limit (compare by identity). */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[8192];
    private int pos;
    private int end;

    BoundedLineReader(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** @return the next line without its ending, {@link #TOO_LONG}, or null at end of stream */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return line.length() == 0 && !tooLong ? null : finish(line, tooLong);
                }
            }
            char c = buffer[pos++];
            if (c == '\n') {
                return finish(line, tooLong);
            }
            if (!tooLong) {
                line.append(c);
                if (line.length() > maxLength + 1) { // +1: room for a '\r' before the '\n'
                    tooLong = true;
                    line.setLength(0);
                }
            }
        }
    }

    private String finish(StringBuilder line, boolean tooLong) {
        if (tooLong) {
            return TOO_LONG;
        }
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        return line.length() > maxLength ? TOO_LONG : line.toString();
    }
}
