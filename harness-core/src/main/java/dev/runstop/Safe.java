package dev.runstop;

/**
 * Renders user objects and exceptions for messages without ever throwing: a {@code toString} or
 * {@code getMessage} that throws is replaced by a note saying so, so no report, message or log line can
 * fail (or hang a group) because of user code.
 */
final class Safe {
    private Safe() {
    }

    /** @return {@code t.toString()}, or its class name and a note if that throws */
    static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        try {
            return t.toString();
        } catch (Throwable broken) {
            return t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
    }

    /**
     * @return the first line of {@link #describe(Throwable)}: an error whose message spans lines (a nested
     *     group's whole report) stays one line in a headline or a table cell
     */
    static String brief(Throwable t) {
        String text = describe(t);
        int nl = text.indexOf('\n');
        if (nl < 0) {
            return text;
        }
        return text.substring(0, nl > 0 && text.charAt(nl - 1) == '\r' ? nl - 1 : nl) + " [...]";
    }

    /** @return {@code t.getMessage()}, or a note if that throws */
    static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable broken) {
            return "(getMessage() of " + t.getClass().getName() + " threw " + broken.getClass().getName() + ")";
        }
    }

    /** @return {@code String.valueOf(o)}, or its class name and a note if that throws */
    static String describe(Object o) {
        if (o instanceof Throwable) {
            return describe((Throwable) o);
        }
        try {
            return String.valueOf(o);
        } catch (Throwable broken) {
            return o.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
    }
}
