package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void defaults() {
        Config config = CommandLine.parse(new String[0], Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.feed()).isEmpty();
        assertThat(config.stopDeadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.onFeedEnd()).isEqualTo(FeedEnd.STOP);
    }

    @Test
    void argumentsInBothFormsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("RUNSTOP_HTTP_PORT", "9000", "RUNSTOP_FEED", "-", "RUNSTOP_STOP_DEADLINE", "PT3S",
                "RUNSTOP_ON_FEED_END", "keep");
        Config fromEnv = CommandLine.parse(new String[0], env);
        assertThat(fromEnv.httpPort()).isEqualTo(9000);
        assertThat(fromEnv.feed()).contains(new FeedSource.StandardInput());
        assertThat(fromEnv.stopDeadline()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromEnv.onFeedEnd()).isEqualTo(FeedEnd.KEEP_RUNNING);

        Config fromArgs = CommandLine.parse(new String[] {"--http-port", "0", "--feed=feeds.example:7000", "--stop-deadline", "750ms",
            "--on-feed-end=stop"}, env);
        assertThat(fromArgs.httpPort()).isZero();
        assertThat(fromArgs.feed()).contains(new FeedSource.Tcp("feeds.example", 7000));
        assertThat(fromArgs.stopDeadline()).isEqualTo(Duration.ofMillis(750));
        assertThat(fromArgs.onFeedEnd()).isEqualTo(FeedEnd.STOP);
    }

    @Test
    void anArgumentOverridesAnInvalidVariableWithoutReadingIt() {
        Map<String, String> env = Map.of("RUNSTOP_HTTP_PORT", "http", "RUNSTOP_STOP_DEADLINE", "soon", "RUNSTOP_FEED", "nohost",
                "RUNSTOP_ON_FEED_END", "maybe", "RUNSTOP_BIND", "");
        Config config = CommandLine.parse(new String[] {"--http-port", "0", "--stop-deadline=2s", "--feed", "-", "--on-feed-end", "keep",
            "--bind", "127.0.0.1"}, env);
        assertThat(config.httpPort()).isZero();
        assertThat(config.stopDeadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.feed()).contains(new FeedSource.StandardInput());
        assertThat(config.onFeedEnd()).isEqualTo(FeedEnd.KEEP_RUNNING);
        // Without the argument, the same variable still fails, naming itself.
        assertUsage(new String[] {"--http-port", "0"}, Map.of("RUNSTOP_STOP_DEADLINE", "soon"),
                "environment variable RUNSTOP_STOP_DEADLINE: duration must look like 500ms, 5s, 1m, 1h or PT5S, was 'soon'");
    }

    @Test
    void durationsTooLargeGetAMessageNotAnArithmeticError() {
        assertUsage(new String[] {"--stop-deadline", "9999999999999999m"}, Map.of(),
                "option --stop-deadline: stop deadline must be at most 24h, was PT166666666666666H39M");
        assertUsage(new String[] {"--stop-deadline", "99999999999999999999s"}, Map.of(),
                "option --stop-deadline: duration '99999999999999999999s' is too large to represent; use at most 24h");
        assertUsage(new String[] {"--stop-deadline", "25h"}, Map.of(),
                "option --stop-deadline: stop deadline must be at most 24h, was PT25H");
        assertUsage(new String[0], Map.of("RUNSTOP_STOP_DEADLINE", "99999999999999999999ms"),
                "environment variable RUNSTOP_STOP_DEADLINE: duration '99999999999999999999ms' is too large to represent; use at most 24h");
        assertThat(CommandLine.parse(new String[] {"--stop-deadline", "24h"}, Map.of()).stopDeadline()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void bindDefaultsToLoopbackAndTakesAnArgumentOrVariable() throws Exception {
        assertThat(CommandLine.parse(new String[0], Map.of()).bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(CommandLine.parse(new String[0], Map.of("RUNSTOP_BIND", "0.0.0.0")).bind().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(CommandLine.parse(new String[] {"--bind", "[::1]"}, Map.of("RUNSTOP_BIND", "0.0.0.0")).bind())
                .isEqualTo(java.net.InetAddress.getByName("::1"));
        assertUsage(new String[] {"--bind", " "}, Map.of(), "option --bind: bind address must be an IP address or host name, was ' '");
        assertUsage(new String[] {"--bind", "no-such-host.invalid"}, Map.of(),
                "option --bind: bind address 'no-such-host.invalid' cannot be resolved");
    }

    @Test
    void ipv6FeedAddressesInBrackets() {
        assertThat(CommandLine.parse(new String[] {"--feed", "[::1]:7000"}, Map.of()).feed()).contains(new FeedSource.Tcp("::1", 7000));
    }

    @Test
    void badInputNamesTheOptionOrVariable() {
        assertUsage(new String[] {"--http-port", "70000"}, Map.of(), "option --http-port: http port must be 0 (ephemeral) to 65535, was 70000");
        assertUsage(new String[] {"--feed", "nohost"}, Map.of(), "option --feed: feed must be '-' (standard input) or host:port, was 'nohost'");
        assertUsage(new String[] {"--feed", "h:x"}, Map.of(), "option --feed: feed port must be a number in 'h:x'");
        assertUsage(new String[] {"--stop-deadline", "0s"}, Map.of(), "option --stop-deadline: stop deadline must be positive, was PT0S");
        assertUsage(new String[] {"--stop-deadline", "soon"}, Map.of(),
                "option --stop-deadline: duration must look like 500ms, 5s, 1m, 1h or PT5S, was 'soon'");
        assertUsage(new String[] {"--on-feed-end", "maybe"}, Map.of(), "option --on-feed-end: must be 'stop' or 'keep', was 'maybe'");
        assertUsage(new String[] {"--port", "1"}, Map.of(), "unknown option '--port'");
        assertUsage(new String[] {"--port=1"}, Map.of(), "unknown option '--port'");
        assertUsage(new String[] {"serve"}, Map.of(), "unexpected argument 'serve'");
        assertUsage(new String[] {"--feed"}, Map.of(), "option --feed needs a value");
        assertUsage(new String[0], Map.of("RUNSTOP_HTTP_PORT", "http"),
                "environment variable RUNSTOP_HTTP_PORT: port must be a number from 0 to 65535, was 'http'");
    }

    @Test
    void mainExitsWith2AndUsageForBadArgumentsAnd0ForHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExampleApp.run(new String[] {"--bogus"}, Map.of(), print(out), print(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("example-app: unknown option '--bogus'").contains(CommandLine.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(ExampleApp.run(new String[] {"--help"}, Map.of(), print(help), print(err))).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar example-app.jar [options]");
    }

    private static void assertUsage(String[] args, Map<String, String> env, String message) {
        assertThatThrownBy(() -> CommandLine.parse(args, env)).isInstanceOf(UsageException.class).hasMessage(message);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
