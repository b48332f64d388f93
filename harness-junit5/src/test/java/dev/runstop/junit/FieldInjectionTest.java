package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;

/** {@code @Port} and {@code @Handle} on fields: static fields for one app per class, instance fields per test. */
class FieldInjectionTest {
    static final List<Object> seen = new CopyOnWriteArrayList<>();

    static Group app() {
        return AppStopsDuringTestsTest.crashableApp("fields").add("http", TestApps.server("http"));
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class ClassScope {
        @Port("http")
        static int port;
        @Handle("crash")
        static CompletableFuture<Void> crash;
        @Port("http")
        Integer instancePort;

        static Group app() {
            return FieldInjectionTest.app();
        }

        @Test
        void seesTheFields() throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            assertThat(crash).isNotDone();
            seen.add(port);
            seen.add(instancePort);
        }
    }

    @Test
    void staticFieldsGetTheClassAppsValues() {
        seen.clear();
        FixtureRun run = FixtureRun.of(ClassScope.class);

        assertThat(run.testResult("seesTheFields").getThrowable()).isEmpty();
        assertThat(seen).hasSize(2).doesNotContainNull();
        assertThat(seen.get(0)).isEqualTo(seen.get(1));
    }

    @Fixture
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodScope {
        @RegisterExtension
        RunstopExtension app = RunstopExtension.forApp(FieldInjectionTest::app);

        @Port("http")
        int port;
        @Handle
        CompletableFuture<?> crash;

        @Test
        @Order(1)
        void first() throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            seen.add(crash);
        }

        @Test
        @Order(2)
        void second() throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            seen.add(crash);
        }
    }

    @Test
    void instanceFieldsGetEachTestsOwnApp() {
        seen.clear();
        FixtureRun run = FixtureRun.of(MethodScope.class);

        assertThat(run.testResult("first").getThrowable()).isEmpty();
        assertThat(run.testResult("second").getThrowable()).isEmpty();
        assertThat(seen).hasSize(2).doesNotContainNull();
        assertThat(seen.get(0)).isNotSameAs(seen.get(1));
    }

    @Fixture
    static class StaticFieldWithOneAppPerTest {
        @RegisterExtension
        RunstopExtension app = RunstopExtension.forApp(FieldInjectionTest::app);

        @Port("http")
        static int port;

        @Test
        void neverRuns() {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class Typo {
        @Port("htp")
        static int port;

        static Group app() {
            return FieldInjectionTest.app();
        }

        @Test
        void neverRuns() {
        }
    }

    @Test
    void aWrongFieldFailsSayingWhy() {
        assertThat(FixtureRun.of(StaticFieldWithOneAppPerTest.class).testFailure("neverRuns"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("@Port(\"http\") field StaticFieldWithOneAppPerTest.port is static, but the app is one per test"
                        + " method (RunstopExtension on an instance field): make the field an instance field");
        FixtureRun typo = FixtureRun.of(Typo.class);
        assertThat(typo.classFailure(Typo.class)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot inject @Port(\"htp\") field Typo.port from app 'fields': handle 'htp'"
                        + " of group 'fields' was not published within 2s; it publishes: ")
                .hasMessageContaining("http (port ");
        assertThat(typo.classResult(Typo.class).getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    }
}
