package dev.runstop.example;

/** Bad command-line arguments or environment variables; {@code main} prints it with the usage and exits 2. */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
