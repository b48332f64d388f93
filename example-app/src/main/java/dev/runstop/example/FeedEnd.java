package dev.runstop.example;

/** What the app does when its feed ends (end of stream, or the TCP peer closed the connection). */
public enum FeedEnd {
    /**
     * The feed processor returns, which ends the app cleanly: the oklog behaviour, a processor whose
     * input is exhausted has done its work ({@code printf 'coin\npush\n' | app --feed -} applies two
     * events and exits 0). The default.
     */
    STOP,
    /** The feed processor waits for the app to stop; the HTTP API keeps serving. */
    KEEP_RUNNING
}
