package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A test JUnit interrupts for its {@code @Timeout} fails with a snapshot of its own app attached. */
class TimeoutSnapshotTest {

    static Group app(String name) {
        return new Group(name).add("http", TestApps.server("http"));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class Declared {
        static Group app() {
            return TimeoutSnapshotTest.app("declared");
        }

        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void hangs() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    @Fixture
    static class Programmatic {
        @RegisterExtension
        static RunstopExtension app = RunstopExtension.forApp(() -> TimeoutSnapshotTest.app("programmatic"));

        @Test
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void hangs() throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }

    @Test
    void theTimeoutFailureCarriesTheStateOfTheTestsApp() throws Exception {
        for (Class<?> fixture : new Class<?>[] {Declared.class, Programmatic.class}) {
            String name = fixture == Declared.class ? "declared" : "programmatic";
            FixtureRun run = FixtureRun.boundedOf(Map.of(), fixture);

            Throwable failure = run.testFailure("hangs");
            assertThat(failure).as(name).isInstanceOf(TimeoutException.class);
            AppStateAtTimeout snapshot = Arrays.stream(failure.getSuppressed())
                    .filter(AppStateAtTimeout.class::isInstance).map(AppStateAtTimeout.class::cast)
                    .findFirst().orElseThrow(() -> new AssertionError("no app snapshot on " + failure));
            System.out.println("[timeout] " + name + ": " + snapshot.getMessage());
            assertThat(snapshot.getMessage()).startsWith("app '" + name + "' when test 'hangs()' timed out:")
                    .contains("http");
            assertThat(snapshot.getStackTrace()).isEmpty();
            assertThat(run.classResult(fixture).getStatus()).isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
        }
    }

    @Test
    void theProgrammaticFormIsAPreInterruptCallbackWhereJUnitHasOne() {
        assertThat(RunstopExtension.forApp(() -> app("x")).stopDeadline(java.time.Duration.ofSeconds(1)))
                .isInstanceOf(PreInterruptCallback.class);
    }
}
