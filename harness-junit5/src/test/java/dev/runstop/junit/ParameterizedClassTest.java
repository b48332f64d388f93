package dev.runstop.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstop.Group;
import dev.runstop.RunningGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code @ParameterizedClass} (JUnit 5.13+): one app per class invocation, each with its own timeline page. */
class ParameterizedClassTest {
    static final Map<String, List<Object>> idsByFlavour = new ConcurrentHashMap<>();
    static final List<RunningGroup> apps = new CopyOnWriteArrayList<>();

    @Fixture
    @ParameterizedClass
    @ValueSource(strings = {"plain", "salted"})
    @RunstopTest(factoryMethod = "app")
    static class PerFlavour {
        @Parameter
        String flavour;

        @Port("http")
        static int port;

        static Group app() {
            return new Group("flavoured").add("id", ctx -> {
                ctx.publish("id", new Object());
                ctx.publishPort("http", 4242);
                ctx.awaitStop();
            });
        }

        @Test
        void first(RunningGroup app, @Handle("id") Object id) {
            record(app, id);
        }

        @Test
        void second(RunningGroup app, @Handle("id") Object id) {
            record(app, id);
        }

        private void record(RunningGroup app, Object id) {
            if (!apps.contains(app)) {
                apps.add(app);
            }
            idsByFlavour.computeIfAbsent(flavour, f -> new CopyOnWriteArrayList<>()).add(id);
        }
    }

    @Test
    void eachClassInvocationRunsItsOwnAppAndTimelinePage() throws Exception {
        idsByFlavour.clear();
        apps.clear();
        FixtureRun run = FixtureRun.of(PerFlavour.class);

        run.results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        assertThat(apps).hasSize(2).doesNotHaveDuplicates();
        assertThat(idsByFlavour.keySet()).containsExactlyInAnyOrder("plain", "salted");
        // within an invocation both tests see one app; across invocations the apps differ
        idsByFlavour.values().forEach(ids -> assertThat(ids).hasSize(2).containsOnly(ids.get(0)));
        assertThat(idsByFlavour.get("plain").get(0)).isNotSameAs(idsByFlavour.get("salted").get(0));
        assertThat(apps).allSatisfy(app -> assertThat(app.report()).hasValueSatisfying(r -> assertThat(r.clean()).isTrue()));

        List<String> pages = run.reportEntries("runstop.timeline");
        assertThat(pages).hasSize(2).doesNotHaveDuplicates();
        assertThat(pages).allSatisfy(p -> assertThat(Path.of(p)).exists());
        String first = Files.readString(Path.of(pages.get(0)));
        String second = Files.readString(Path.of(pages.get(1)));
        assertThat(pages.get(0)).endsWith(PerFlavour.class.getName() + "[1].html");
        assertThat(pages.get(1)).endsWith(PerFlavour.class.getName() + "[2].html");
        assertThat(first).contains("plain").doesNotContain("salted");
        assertThat(second).contains("salted");
    }

    /** Keeps the fixture's straggler stuck until the outer test has read the results. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    @AfterEach
    void releaseStragglers() {
        release.countDown();
    }

    @Test
    void anUncleanStopOfOneInvocationFailsTheClassNamingThatInvocation() {
        release = new CountDownLatch(1);
        StragglingSecond.invocations = 0;
        FixtureRun run = FixtureRun.of(Map.of(), StragglingSecond.class);

        run.results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        List<String> reports = run.reportEntries("runstop.report");
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).contains("clean");
        assertThat(reports.get(1)).contains("NOT clean").contains("stubborn");
        Throwable failure = run.results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("class-template"))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(failure).isInstanceOf(AppStopFailedException.class).hasNoSuppressedExceptions();
        assertThat(failure.getMessage().lines().findFirst().orElseThrow())
                .startsWith("class invocation [2]").contains("'second-stuck'");
        assertThat(failure.getMessage())
                .contains("stubborn").contains("ignoresStopUntilReleased")
                .contains("reproduce: ").contains("ParameterizedClassTest$StragglingSecond");
    }

    /** The second invocation's app has a straggler: only that invocation fails. */
    @Fixture
    @ParameterizedClass
    @ValueSource(ints = {1, 2})
    @RunstopTest(factoryMethod = "app", stopDeadline = "200ms")
    static class StragglingSecond {
        static volatile int invocations;

        static Group app() {
            Group group = new Group("second-stuck").add("idle", ctx -> ctx.awaitStop());
            return ++invocations == 2 ? TestApps.withStraggler(group, release) : group;
        }

        @Test
        void serves(RunningGroup app) {
            assertThat(app.isReady()).isTrue();
        }
    }
}
