package dev.runstop.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.junit.Handle;
import dev.runstop.junit.Port;
import dev.runstop.junit.RunstopExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A container killed while a test runs fails that test with the container's exit, through the JUnit
 * extension, as any actor of the app that ends would.
 */
@RequiresDocker
class ContainerKilledDuringTestTest {

    /** The fixture: an app whose only actor is a line-serving container; its one test kills the container. */
    @Fixture
    static class KilledContainer {
        static final GenericContainer<?> CONTAINER = Busybox.lineServer("hello");

        @RegisterExtension
        static final RunstopExtension APP = RunstopExtension.forApp(() -> new Group("lines"))
                .configure(group -> group.add("feed-container", ContainerActor.of(CONTAINER).publishPort("feed", Busybox.PORT)));

        @Test
        void containerIsKilled(@Handle("feed.host") String host, @Port("feed") int port, RunningGroup app) throws Exception {
            assertThat(Busybox.readLines(host, port)).containsExactly("hello");
            DockerClientFactory.instance().client().killContainerCmd(CONTAINER.getContainerId()).exec();
            app.termination().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTestDuringWhichTheContainerWasKilledFailsWithItsExitCodeAndLogs() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED_KEY, "true")
                .selectors(selectClass(KilledContainer.class))
                .execute();

        Throwable failure = results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName().equals("containerIsKilled")).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable())
                .findFirst().orElseThrow().orElseThrow(() -> new AssertionError("the test did not fail"));
        assertThat(failure.getMessage())
                .startsWith("app 'lines' stopped during this test: actor 'feed-container' failed:"
                        + " dev.runstop.testcontainers.ContainerExitedException: container busybox:1.37 (actor 'feed-container', id ")
                .contains(") exited with 137 (SIGKILL: docker kill, or out of memory) while its group was running;"
                        + " last 1 log line:", "| serving lines on 7000");
        assertThat(failure.getCause()).isInstanceOf(ContainerExitedException.class);
        assertThat(((ContainerExitedException) failure.getCause()).exitCode()).isEqualTo(137);

        List<String> reports = results.allEvents().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("runstop.report"))
                .filter(r -> r != null)
                .toList();
        assertThat(reports).singleElement().asString().containsPattern("\\n  feed-container +failed +");
        assertThat(KilledContainer.CONTAINER.getContainerId()).as("removed").isNull();
        System.out.println("failure of the test during which the container was killed:\n" + failure.getMessage()
                + "\n" + reports.get(0));
    }
}
