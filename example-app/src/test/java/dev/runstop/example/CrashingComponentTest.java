package dev.runstop.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StartFailedException;
import dev.runstop.junit.AppStopFailedException;
import dev.runstop.junit.AppStoppedException;
import dev.runstop.junit.Handle;
import dev.runstop.junit.RunstopTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A component that crashes fails the test with a message naming the actor and what it was doing. The
 * crashing apps run in fixture classes through the engine test kit, so that their failures are asserted.
 */
class CrashingComponentTest {
    private static final String FIXTURES = "example-app.fixtures";

    @Test
    void feedConnectionResetDuringATestFailsThatTestNamingTheFeed() {
        EngineExecutionResults results = run(FeedResetFixture.class);

        Throwable failure = testFailure(results, "peerResetsTheFeed");
        assertThat(failure).isInstanceOf(AppStoppedException.class);
        assertThat(failure.getMessage())
                .startsWith("app 'example' stopped during this test: actor 'feed' failed: java.io.IOException: reading the feed from 127.0.0.1:")
                .contains(" failed after line 1: Connection reset");
        assertThat(failure.getCause()).isInstanceOf(IOException.class);

        Throwable teardown = classFailure(results, FeedResetFixture.class);
        assertThat(teardown).isInstanceOf(AppStopFailedException.class);
        assertThat(teardown.getMessage()).contains("group 'example' failed: actor 'feed' failed: java.io.IOException: reading the feed");
    }

    @Test
    void unreachableFeedFailsTheClassAtStartNamingTheFeedAndItsAddress() {
        EngineExecutionResults results = run(UnreachableFeedFixture.class);

        Throwable failure = classFailure(results, UnreachableFeedFixture.class);
        assertThat(failure).isInstanceOf(StartFailedException.class);
        assertThat(failure.getMessage()).startsWith("group 'example' did not start: actor 'feed' failed before it was ready: "
                + "java.io.IOException: cannot connect to the feed at 127.0.0.1:" + UnreachableFeedFixture.port + ": Connection refused");
        assertThat(results.testEvents().started().count()).as("no test ran").isZero();
    }

    // ------------------------------------------------------------------------------------------ fixtures

    /** The feed's peer resets the connection while a test runs: the feed actor fails. */
    @RunstopTest(factoryMethod = "app", stopDeadline = "2s")
    @ExtendWith(OnlyThroughEngineTestKit.class)
    static class FeedResetFixture {
        static FeedPeer feed;

        static Group app() {
            feed = new FeedPeer();
            return ExampleApp.group(Config.defaults().httpPort(0).feed(feed.source()));
        }

        @Test
        void peerResetsTheFeed(RunningGroup app, @Handle FeedStats stats) throws Exception {
            try {
                feed.accept(Duration.ofSeconds(10)).send("coin\n");
                assertThat(stats.awaitProcessed(1, Duration.ofSeconds(10))).isTrue();
                feed.reset();
                app.awaitTermination(Duration.ofSeconds(30));
            } finally {
                feed.close();
            }
        }
    }

    /** The feed's address has no server: the app cannot start. */
    @RunstopTest(factoryMethod = "app", stopDeadline = "2s")
    @ExtendWith(OnlyThroughEngineTestKit.class)
    static class UnreachableFeedFixture {
        static volatile int port;

        static Group app() throws IOException {
            try (ServerSocket free = new ServerSocket()) {
                free.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = free.getLocalPort();
            }
            return ExampleApp.group(Config.defaults().httpPort(0).feed("127.0.0.1:" + port));
        }

        @Test
        void neverRuns() {
        }
    }

    /** Keeps fixtures out of ordinary discovery: they run only when this class runs them. */
    static final class OnlyThroughEngineTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURES).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the engine test kit")
                    : ConditionEvaluationResult.disabled("a fixture: runs only through the engine test kit");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(FIXTURES, "true")
                .selectors(selectClass(fixture))
                .execute();
    }

    private static Throwable classFailure(EngineExecutionResults results, Class<?> fixture) {
        TestExecutionResult result = results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(ClassSource.class::isInstance)
                        .map(s -> ((ClassSource) s).getJavaClass() == fixture).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new AssertionError("no finished event for " + fixture));
        return result.getThrowable().orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail: " + result));
    }

    private static Throwable testFailure(EngineExecutionResults results, String method) {
        TestExecutionResult result = results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName().equals(method)).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new AssertionError("no finished event for test " + method));
        return result.getThrowable().orElseThrow(() -> new AssertionError(method + " did not fail: " + result));
    }
}
