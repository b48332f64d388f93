package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class StartFailureTest {

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class AppThatCannotStart {
        static Group app() {
            return new Group("broken").add("http", TestApps.failsAtStart());
        }

        @Test
        void neverRuns() {
            throw new AssertionError("a test ran although the app did not start");
        }
    }

    @Test
    void aStartFailureFailsTheClassWithTheActorsError() {
        FixtureRun run = FixtureRun.of(AppThatCannotStart.class);

        Throwable failure = run.classFailure(AppThatCannotStart.class);
        assertThat(failure).isInstanceOf(AppStartFailedException.class)
                .hasMessageStartingWith("group 'broken' did not start: actor 'http' failed before it was ready")
                .hasMessageContaining("address already in use")
                .hasMessageEndingWith(System.lineSeparator() + Reproduce.line(AppThatCannotStart.class));
        assertThat(failure.getCause()).isInstanceOf(IOException.class).hasMessage("address already in use");
        assertThat(run.results.testEvents().started().count()).isZero();
        assertThat(run.reportEntries("runstop.report")).singleElement().asString().contains("http").contains("failed");
    }

    /** A factory class, as {@code @RunstopTest(factory = ...)} names it. */
    static class FailingFactory implements AppFactory {
        @Override
        public Group create() throws IOException {
            throw new IOException("config file missing");
        }
    }

    @Fixture
    @RunstopTest(factory = FailingFactory.class)
    static class AppWhoseFactoryFails {
        @Test
        void neverRuns() {
            throw new AssertionError("a test ran although the app was never built");
        }
    }

    @Test
    void aFactoryErrorFailsTheClassWithThatError() {
        FixtureRun run = FixtureRun.of(AppWhoseFactoryFails.class);

        assertThat(run.classFailure(AppWhoseFactoryFails.class)).isInstanceOf(IOException.class)
                .hasMessage("config file missing");
    }

    @Fixture
    @RunstopTest(factory = FailingFactory.class, factoryMethod = "app")
    static class BothFactories {
        @Test
        void neverRuns() {
        }
    }

    @Fixture
    @RunstopTest
    static class NoFactory {
        @Test
        void neverRuns() {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", startDeadline = "soon")
    static class BadDeadline {
        static Group app() {
            return new Group("never");
        }

        @Test
        void neverRuns() {
        }
    }

    @Test
    void aMisconfiguredAnnotationFailsTheClassSayingWhatIsWrong() {
        assertThat(FixtureRun.of(BothFactories.class).classFailure(BothFactories.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("must name exactly one of factory").hasMessageContaining("it names both");
        assertThat(FixtureRun.of(NoFactory.class).classFailure(NoFactory.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("it names neither");
        assertThat(FixtureRun.of(BadDeadline.class).classFailure(BadDeadline.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@RunstopTest(startDeadline) on " + BadDeadline.class.getName() + " is 'soon'");
    }
}
