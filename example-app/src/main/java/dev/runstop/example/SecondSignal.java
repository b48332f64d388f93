package dev.runstop.example;

import dev.runstop.RunningGroup;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The process's SIGINT/SIGTERM handler outside the {@code signals} actor's lifetime. The actor replaces
 * it while the app runs and puts it back when it returns, so this one sees a signal that comes while the
 * app is already stopping (a second Ctrl-C during the drain): it prints {@code second signal: exiting
 * now} and what the app is doing (its stop report if there is one, else its snapshot: each actor's state
 * and stack, open sessions) and exits at once with 128 + the signal's number (130 for SIGINT, 143 for
 * SIGTERM). A signal before the group started exits the same way; one while it starts stops it.
 */
final class SecondSignal {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    /** The group, once started; null before. */
    private final AtomicReference<RunningGroup> app = new AtomicReference<>();
    private final PrintStream out;
    private final PrintStream err;
    private final IntConsumer exit;

    private SecondSignal(PrintStream out, PrintStream err, IntConsumer exit) {
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    /**
     * Installs the handler for SIGINT and SIGTERM. Call before the group starts, so the signals actor
     * restores it when it returns.
     *
     * @param out where the report or snapshot goes
     * @param err where the one-line notice goes
     * @param exit how to end the process, given the exit code
     * @return the handler; {@link #watch} it the group once started
     */
    static SecondSignal install(PrintStream out, PrintStream err, IntConsumer exit) {
        SecondSignal handler = new SecondSignal(out, err, exit);
        for (String name : SIGNALS) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), handler::handle);
        }
        return handler;
    }

    /** @param running the started group this handler reports on */
    void watch(RunningGroup running) {
        app.set(running);
    }

    private void handle(sun.misc.Signal signal) {
        int code = 128 + signal.getNumber();
        RunningGroup running = app.get();
        if (running == null) {
            err.println("example-app: SIG" + signal.getName() + " before the app started: exiting now");
            err.flush();
            exit.accept(code);
            return;
        }
        switch (running.state()) {
            case STARTING:
            case READY:
                // Only before the signals actor listens: treat it as the first signal.
                running.stop("SIG" + signal.getName() + " arrived while the app was starting");
                return;
            case STOPPING:
                err.println("example-app: second signal: exiting now (SIG" + signal.getName()
                        + " while group '" + running.name() + "' was stopping; exit code " + code + ")");
                err.flush();
                out.println(running.report().map(String::valueOf).orElseGet(running::snapshot));
                out.flush();
                exit.accept(code);
                return;
            default:
                // TERMINATED: the report is being printed; the process ends on its own.
        }
    }
}
