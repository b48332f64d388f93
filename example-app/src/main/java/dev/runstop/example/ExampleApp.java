package dev.runstop.example;

import dev.runstop.Actors;
import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import java.io.PrintStream;
import java.util.Map;

/**
 * The example app: a turnstile state machine, a JSON HTTP API, an optional feed of events and a signal
 * handler, run as one {@link Group}. {@link #group(Config)} builds it for {@code main} and for tests
 * alike.
 */
public final class ExampleApp {
    /** The group's name, the first part of every actor thread's name. */
    public static final String GROUP_NAME = "example";

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    private ExampleApp() {
    }

    /**
     * Builds the app, unstarted. Its actors: {@code machine} (the {@link TurnstileMachine}, also handle
     * {@code machine}), {@code http} (the {@link HttpApi}, port handle {@code http}), {@code feed} (the
     * {@link FeedProcessor}, only if the config has a feed) and {@code signals} (SIGINT, SIGTERM).
     *
     * @param config the configuration
     * @return the group, ready to {@link Group#run() run} or {@link Group#start() start}; its stop deadline
     *     and other settings may still be changed
     * @throws IllegalArgumentException if the config is null
     */
    public static Group group(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null; start from Config.defaults()");
        }
        Group group = new Group(GROUP_NAME).stopDeadline(config.stopDeadline());
        TurnstileMachine machine = new TurnstileMachine();
        FeedStats feedStats = config.feed().isPresent() ? new FeedStats() : null;

        group.add("machine", machine);
        group.add("http", new HttpApi(config.bind(), config.httpPort(), machine, new HttpStats(), feedStats, config.requestGate(),
                config.announce().orElse(null), group::stopDeadline));
        config.feed().ifPresent(source -> group.add("feed",
                new FeedProcessor(source, machine, feedStats, config.onFeedEnd(), config.feedHandleTimeout())));
        group.add("signals", Actors.signals("INT", "TERM"));
        return group;
    }

    /**
     * Runs the app until SIGINT, SIGTERM, the end of its feed or a failure; prints the stop report on
     * standard output and exits 0 after a clean stop, 1 otherwise, 2 for bad arguments. A second SIGINT or
     * SIGTERM while the app stops prints {@code second signal: exiting now} and the group's snapshot, and
     * exits at once with 130 or 143.
     *
     * @param args see {@link CommandLine#USAGE}
     */
    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tT.%1$tL %4$s %5$s%6$s%n"); // one line per record
        }
        System.exit(run(args, System.getenv(), System.out, System.err, true));
    }

    /**
     * What {@link #main} does, without exiting the JVM.
     *
     * @param args the arguments
     * @param env the environment variables
     * @param out where the port announcement and the stop report go
     * @param err where usage errors and the failure summary go
     * @return the exit code: 0 clean stop, 1 failure or straggler, 2 bad arguments
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, false);
    }

    private static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean process) {
        if (CommandLine.asksForHelp(args)) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        Config config;
        try {
            config = CommandLine.parse(args, env);
        } catch (UsageException e) {
            err.println("example-app: " + e.getMessage());
            err.println();
            err.println(CommandLine.USAGE);
            return 2;
        }
        Group group = group(config.announceTo(out));
        // In the process, a second SIGINT/SIGTERM while the app stops exits at once, saying so.
        SecondSignal secondSignal = process ? SecondSignal.install(out, err, Runtime.getRuntime()::halt) : null;
        RunningGroup running = group.start();
        if (secondSignal != null) {
            secondSignal.watch(running);
        }
        StopReport report = running.termination().toCompletableFuture().join();
        out.println(report);
        out.flush();
        if (report.clean()) {
            return 0;
        }
        err.println("example-app did not stop cleanly: " + report.failure().map(Throwable::getCause).orElse(null));
        return 1;
    }
}
