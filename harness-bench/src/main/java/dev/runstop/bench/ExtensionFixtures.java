package dev.runstop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import dev.runstop.StopReport;
import dev.runstop.junit.AppFactory;
import dev.runstop.junit.RunstopTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The test classes of the {@code extension-overhead} benchmark, run through the JUnit launcher: 20 classes
 * whose app (five actors that wait for their stop) the extension starts and stops, and 20 classes that
 * start and stop the same app by hand in {@code @BeforeAll}/{@code @AfterAll}. They live in the main
 * source set, so the module's own test run never picks them up.
 */
final class ExtensionFixtures {
    static final List<Class<?>> WITH_EXTENSION = List.of(E01.class, E02.class, E03.class, E04.class, E05.class, E06.class, E07.class, E08.class, E09.class, E10.class, E11.class, E12.class, E13.class, E14.class, E15.class, E16.class, E17.class, E18.class, E19.class, E20.class);
    static final List<Class<?>> BY_HAND = List.of(H01.class, H02.class, H03.class, H04.class, H05.class, H06.class, H07.class, H08.class, H09.class, H10.class, H11.class, H12.class, H13.class, H14.class, H15.class, H16.class, H17.class, H18.class, H19.class, H20.class);

    private ExtensionFixtures() {
    }

    /** @return the fixtures' app: five actors that each wait for their stop */
    static Group fiveActors() {
        Group group = new Group("five");
        for (int i = 0; i < 5; i++) {
            group.add("actor" + i, ctx -> ctx.awaitStop());
        }
        return group;
    }

    /** Builds the fixtures' app for the extension. */
    static final class FiveActors implements AppFactory {
        @Override
        public Group create() {
            return fiveActors();
        }
    }

    /** The app started and stopped by the extension. */
    @RunstopTest(factory = FiveActors.class)
    abstract static class WithExtension {
        @Test
        void appRuns(RunningGroup app) {
            assertTrue(app.isReady());
            assertEquals(5, app.actorNames().size());
        }
    }

    /** The same app started and stopped by hand: started and awaited ready, stopped and checked clean. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class ByHand {
        private RunningGroup app;

        @BeforeAll
        void startApp() throws InterruptedException {
            app = fiveActors().start();
            app.awaitReady(Duration.ofSeconds(10));
        }

        @Test
        void appRuns() {
            assertTrue(app.isReady());
            assertEquals(5, app.actorNames().size());
        }

        @AfterAll
        void stopApp() throws InterruptedException {
            StopReport report = app.stopAndAwait("test class finished");
            if (!report.clean()) {
                throw report.failure().orElseThrow();
            }
        }
    }

    static class E01 extends WithExtension {
    }

    static class E02 extends WithExtension {
    }

    static class E03 extends WithExtension {
    }

    static class E04 extends WithExtension {
    }

    static class E05 extends WithExtension {
    }

    static class E06 extends WithExtension {
    }

    static class E07 extends WithExtension {
    }

    static class E08 extends WithExtension {
    }

    static class E09 extends WithExtension {
    }

    static class E10 extends WithExtension {
    }

    static class E11 extends WithExtension {
    }

    static class E12 extends WithExtension {
    }

    static class E13 extends WithExtension {
    }

    static class E14 extends WithExtension {
    }

    static class E15 extends WithExtension {
    }

    static class E16 extends WithExtension {
    }

    static class E17 extends WithExtension {
    }

    static class E18 extends WithExtension {
    }

    static class E19 extends WithExtension {
    }

    static class E20 extends WithExtension {
    }

    static class H01 extends ByHand {
    }

    static class H02 extends ByHand {
    }

    static class H03 extends ByHand {
    }

    static class H04 extends ByHand {
    }

    static class H05 extends ByHand {
    }

    static class H06 extends ByHand {
    }

    static class H07 extends ByHand {
    }

    static class H08 extends ByHand {
    }

    static class H09 extends ByHand {
    }

    static class H10 extends ByHand {
    }

    static class H11 extends ByHand {
    }

    static class H12 extends ByHand {
    }

    static class H13 extends ByHand {
    }

    static class H14 extends ByHand {
    }

    static class H15 extends ByHand {
    }

    static class H16 extends ByHand {
    }

    static class H17 extends ByHand {
    }

    static class H18 extends ByHand {
    }

    static class H19 extends ByHand {
    }

    static class H20 extends ByHand {
    }
}
