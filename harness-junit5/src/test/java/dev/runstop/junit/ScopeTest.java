package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScopeTest {
    static final List<RunningGroup> apps = new CopyOnWriteArrayList<>();
    static final List<Object> ids = new CopyOnWriteArrayList<>();

    @Fixture
    static class OneAppPerTest {
        @RegisterExtension
        RunstopExtension extension = RunstopExtension.forApp(() -> new Group("per-test").add("id", ctx -> {
            ctx.publish("id", new Object());
            ctx.awaitStop();
        }));

        @Test
        void first(RunningGroup app, @Handle("id") Object id) {
            record(app, id);
        }

        @Test
        void second(RunningGroup app, @Handle("id") Object id) {
            record(app, id);
        }

        private void record(RunningGroup app, Object id) {
            assertThat(extension.app()).isSameAs(app);
            apps.add(app);
            ids.add(id);
        }
    }

    @Test
    void anInstanceFieldRegistrationRunsOneAppPerTestMethod() throws Exception {
        apps.clear();
        ids.clear();
        FixtureRun run = FixtureRun.of(OneAppPerTest.class);

        assertThat(run.testResult("first").getThrowable()).isEmpty();
        assertThat(run.testResult("second").getThrowable()).isEmpty();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        assertThat(apps).hasSize(2).doesNotHaveDuplicates();
        assertThat(apps).allSatisfy(app -> assertThat(app.report()).hasValueSatisfying(r -> assertThat(r.clean()).isTrue()));
        assertThat(run.reportEntries("runstop.report")).hasSize(2);
        assertThat(run.reportEntries("runstop.timeline")).hasSize(2).containsOnly(
                Path.of("target", "runstop", OneAppPerTest.class.getName() + ".html").toAbsolutePath().toString());
        assertThat(Files.readString(Path.of(run.reportEntries("runstop.timeline").get(1)))).contains("Run 2 of 2");
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class OuterWithNested {
        static Group app() {
            return new Group("shared").add("idle", ctx -> ctx.awaitStop());
        }

        @Test
        void outer(RunningGroup app) {
            apps.add(app);
        }

        @Nested
        class Inner {
            @Test
            void inner(RunningGroup app) {
                apps.add(app);
            }
        }
    }

    @Test
    void nestedClassesShareTheEnclosingClassesApp() {
        apps.clear();
        FixtureRun run = FixtureRun.of(OuterWithNested.class);

        assertThat(run.testResult("outer").getThrowable()).isEmpty();
        assertThat(run.testResult("inner").getThrowable()).isEmpty();
        assertThat(apps).hasSize(2);
        assertThat(apps.get(0)).isSameAs(apps.get(1));
        assertThat(run.reportEntries("runstop.report")).hasSize(1);
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassInstance {
        private final RunningGroup fromConstructor;

        PerClassInstance(RunningGroup app, @Port("http") int port) {
            this.fromConstructor = app;
            assertThat(port).isPositive();
        }

        static Group app() {
            return new Group("per-class-instance").add("http", TestApps.server("http"));
        }

        @Test
        void sameApp(RunningGroup app) {
            assertThat(app).isSameAs(fromConstructor);
            apps.add(app);
        }
    }

    @Test
    void aPerClassTestInstanceGetsTheAppInItsConstructor() {
        apps.clear();
        FixtureRun run = FixtureRun.of(PerClassInstance.class);

        assertThat(run.testResult("sameApp").getThrowable()).isEmpty();
        assertThat(run.classResult(PerClassInstance.class).getThrowable()).isEmpty();
        assertThat(apps).singleElement().satisfies(app -> assertThat(app.report()).isPresent());
        assertThat(run.reportEntries("runstop.report")).hasSize(1);
    }

    /** A factory class with a no-arg constructor, named by a meta-annotation. */
    static class IdleApp implements AppFactory {
        @Override
        public Group create() {
            return new Group("idle").add("idle", ctx -> ctx.awaitStop());
        }
    }

    /** A user's own annotation that carries {@code @RunstopTest}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @RunstopTest(factory = IdleApp.class, stopDeadline = "1s")
    @interface IdleAppTest {
    }

    @Fixture
    @IdleAppTest
    static class MetaAnnotated {
        @Test
        void runs(RunningGroup app) {
            apps.add(app);
        }
    }

    @Test
    void aMetaAnnotationCarryingRunstopTestRegistersTheApp() {
        apps.clear();
        FixtureRun run = FixtureRun.of(MetaAnnotated.class);

        assertThat(run.testResult("runs").getThrowable()).isEmpty();
        assertThat(apps).singleElement().satisfies(app -> assertThat(app.name()).isEqualTo("idle"));
        assertThat(run.reportEntries("runstop.report")).singleElement().asString().contains("group 'idle'");
    }
}
