package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Twenty fixture classes, each with its own app on an ephemeral port, run concurrently: every class's
 * test waits at one barrier that only opens when all twenty are inside their tests at once.
 */
class ParallelClassesTest {
    static final int CLASSES = 20;
    static volatile CyclicBarrier allInside = new CyclicBarrier(CLASSES);
    static final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    static final Set<RunningGroup> apps = ConcurrentHashMap.newKeySet();

    @Fixture
    @RunstopTest(factoryMethod = "app")
    abstract static class ParallelApp {
        static Group app() {
            return new Group("parallel").add("http", TestApps.server("http"));
        }

        @Test
        void meetsTheOthers(@Port("http") int port, RunningGroup app) throws Exception {
            assertThat(TestApps.knock(port)).isEqualTo('k');
            ports.add(port);
            apps.add(app);
            allInside.await(60, TimeUnit.SECONDS);
            assertThat(TestApps.knock(port)).isEqualTo('k');
        }
    }

    static class App01 extends ParallelApp {
    }

    static class App02 extends ParallelApp {
    }

    static class App03 extends ParallelApp {
    }

    static class App04 extends ParallelApp {
    }

    static class App05 extends ParallelApp {
    }

    static class App06 extends ParallelApp {
    }

    static class App07 extends ParallelApp {
    }

    static class App08 extends ParallelApp {
    }

    static class App09 extends ParallelApp {
    }

    static class App10 extends ParallelApp {
    }

    static class App11 extends ParallelApp {
    }

    static class App12 extends ParallelApp {
    }

    static class App13 extends ParallelApp {
    }

    static class App14 extends ParallelApp {
    }

    static class App15 extends ParallelApp {
    }

    static class App16 extends ParallelApp {
    }

    static class App17 extends ParallelApp {
    }

    static class App18 extends ParallelApp {
    }

    static class App19 extends ParallelApp {
    }

    static class App20 extends ParallelApp {
    }

    static final List<Class<?>> FIXTURES = List.of(
            App01.class,
            App02.class,
            App03.class,
            App04.class,
            App05.class,
            App06.class,
            App07.class,
            App08.class,
            App09.class,
            App10.class,
            App11.class,
            App12.class,
            App13.class,
            App14.class,
            App15.class,
            App16.class,
            App17.class,
            App18.class,
            App19.class,
            App20.class);

    @Test
    void twentyClassesRunConcurrentlyEachWithItsOwnApp() {
        allInside = new CyclicBarrier(CLASSES);
        ports.clear();
        apps.clear();
        Map<String, String> parallel = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(CLASSES),
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(4 * CLASSES));

        FixtureRun run = FixtureRun.of(parallel, FIXTURES.toArray(new Class<?>[0]));

        assertThat(FIXTURES).allSatisfy(fixture ->
                assertThat(run.classResult(fixture).getStatus()).as(fixture.getSimpleName())
                        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        assertThat(run.results.testEvents().succeeded().count()).isEqualTo(CLASSES);
        assertThat(run.results.testEvents().failed().count()).isZero();
        assertThat(ports).hasSize(CLASSES);
        assertThat(apps).hasSize(CLASSES);
        assertThat(apps).allSatisfy(app -> assertThat(app.report()).hasValueSatisfying(r -> assertThat(r.clean()).isTrue()));
        assertThat(run.reportEntries("runstop.report")).hasSize(CLASSES).allSatisfy(r -> assertThat(r).contains(", clean"));
    }
}
