package dev.runstop.example;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns arguments and environment variables into a {@link Config}. Each option has an environment
 * variable for the same key; an argument wins over the variable.
 */
public final class CommandLine {
    /** The usage message {@code main} prints for {@code --help} and after bad arguments. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar example-app.jar [options]",
            "",
            "A turnstile state machine with an HTTP API, an optional event feed, stopped by SIGINT/SIGTERM.",
            "",
            "  --http-port N        HTTP port; 0 for any free port (default " + Config.DEFAULT_HTTP_PORT + ")   env RUNSTOP_HTTP_PORT",
            "  --bind ADDRESS       the address to listen on: 127.0.0.1 (default), 0.0.0.0",
            "                       for every interface, or a host name               env RUNSTOP_BIND",
            "  --feed SPEC          read events, one per line, from '-' (standard input)",
            "                       or host:port (TCP)                               env RUNSTOP_FEED",
            "  --on-feed-end WHAT   'stop' the app when the feed ends (default)",
            "                       or 'keep' running                                env RUNSTOP_ON_FEED_END",
            "  --stop-deadline D    how long each component may take to stop, such",
            "                       as 500ms, 5s, 1m, at most 24h (default 5s)        env RUNSTOP_STOP_DEADLINE",
            "  -h, --help           print this and exit",
            "",
            "Exit code: 0 after a clean stop, 1 after a failure, a component that did not stop in time or a",
            "request cut off, 2 for bad arguments. A second SIGINT/SIGTERM while the app stops exits at once",
            "(130/143), printing what the app was doing.");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** Every option and its environment variable, in the order they are applied. */
    private static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--http-port", "RUNSTOP_HTTP_PORT");
        options.put("--bind", "RUNSTOP_BIND");
        options.put("--feed", "RUNSTOP_FEED");
        options.put("--on-feed-end", "RUNSTOP_ON_FEED_END");
        options.put("--stop-deadline", "RUNSTOP_STOP_DEADLINE");
        return java.util.Collections.unmodifiableMap(options);
    }

    private CommandLine() {
    }

    /**
     * @param args the arguments; {@code --key value} or {@code --key=value}
     * @return true if the arguments ask for help ({@code -h} or {@code --help})
     */
    public static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param args the arguments; {@code --key value} or {@code --key=value}
     * @param env the environment, such as {@code System.getenv()}
     * @return the configuration, starting from {@link Config#defaults()}
     * @throws UsageException for an unknown option, a missing value or a bad value, naming the option or
     *     variable
     */
    public static Config parse(String[] args, Map<String, String> env) {
        // Arguments win: an option given as an argument is taken from there, and its environment variable
        // is not read at all (so a bad variable cannot fail a start that overrides it).
        Map<String, String> fromArgs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String key = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (!OPTIONS.containsKey(key)) {
                    throw new UsageException(arg.startsWith("-") ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + key + " needs a value");
                }
                value = args[++i];
            }
            if (!OPTIONS.containsKey(key)) {
                throw new UsageException("unknown option '" + key + "'");
            }
            fromArgs.put(key, value);
        }
        Config config = Config.defaults();
        for (Map.Entry<String, String> option : OPTIONS.entrySet()) {
            String key = option.getKey();
            String variable = option.getValue();
            if (fromArgs.containsKey(key)) {
                config = apply(config, key, fromArgs.get(key), "option " + key);
            } else {
                config = apply(config, key, env.get(variable), "environment variable " + variable);
            }
        }
        return config;
    }

    private static Config apply(Config config, String key, String value, String where) {
        if (value == null) {
            return config;
        }
        try {
            switch (key) {
                case "--http-port":
                    return config.httpPort(parsePort(value));
                case "--bind":
                    return config.bind(value);
                case "--feed":
                    return config.feed(value);
                case "--on-feed-end":
                    return config.onFeedEnd(parseFeedEnd(value));
                default:
                    return config.stopDeadline(parseDuration(value));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535, was '" + value + "'");
        }
    }

    private static FeedEnd parseFeedEnd(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "stop":
                return FeedEnd.STOP;
            case "keep":
                return FeedEnd.KEEP_RUNNING;
            default:
                throw new IllegalArgumentException("must be 'stop' or 'keep', was '" + value + "'");
        }
    }

    /**
     * @param value {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or an ISO-8601 duration such as {@code PT5S}
     * @return the duration
     * @throws IllegalArgumentException if the value is none of those
     */
    public static Duration parseDuration(String value) {
        String v = value.trim();
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms":
                        return Duration.ofMillis(n);
                    case "s":
                        return Duration.ofSeconds(n);
                    case "h":
                        return Duration.ofHours(n);
                    default:
                        return Duration.ofMinutes(n);
                }
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                throw new IllegalArgumentException("duration '" + value + "' is too large to represent; use at most 24h");
            }
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("duration must look like 500ms, 5s, 1m, 1h or PT5S, was '" + value + "'");
        }
    }
}
