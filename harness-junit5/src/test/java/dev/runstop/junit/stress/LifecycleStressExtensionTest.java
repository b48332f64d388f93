package dev.runstop.junit.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.runstop.ActorException;
import dev.runstop.Group;
import dev.runstop.junit.Fixture;
import dev.runstop.junit.LifecycleStress;
import dev.runstop.junit.RunstopExtension;
import dev.runstop.junit.RunstopTest;
import dev.runstop.stress.LifecycleStressFailure;
import dev.runstop.stress.Schedule;
import dev.runstop.stress.StressMode;
import dev.runstop.stress.StressSeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes that use {@link LifecycleStress} through the Jupiter engine and checks what they report. */
class LifecycleStressExtensionTest {

    @Test
    void cleanAppPassesAndPublishesSeedAndCycles() {
        EngineExecutionResults results = run(Map.of(), CleanApp.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(CleanApp.BODY_RUNS.get()).isEqualTo(1);
        assertThat(entries(results, "runstop.stress.seed")).containsExactly("5EED0F11FE5EED01");
        assertThat(entries(results, "runstop.stress.cycles")).containsExactly("25");
        assertThat(entries(results, "runstop.stress.result")).singleElement().asString()
                .startsWith("25 clean cycles of group 'healthy'");
    }

    @Test
    void buggyAppFailsWithSeedScheduleAndReplayLine() {
        EngineExecutionResults results = run(Map.of(), BuggyApp.class);

        LifecycleStressFailure failure = failure(results);
        assertThat(failure.problems()).containsExactly(ActorException.Problem.STOP_THREW);
        assertThat(failure.actors()).containsExactly("connection");
        assertThat(failure.getMessage())
                .contains("lifecycle stress of group 'fragile' failed in cycle " + failure.cycle() + " (seed 5EED0F11FE5EED01")
                .contains("stop() of actor 'connection' threw")
                .contains("replay this cycle first: @LifecycleStress(seed = \"5EED0F11FE5EED01:" + failure.cycle() + "\")")
                .contains("-Drunstop.stress.seed=5EED0F11FE5EED01:" + failure.cycle())
                .contains("start order: ", "stop order: ", "connection entered run ", "after stop was delivered to it");
        assertThat(entries(results, "runstop.stress.replay")).containsExactly(failure.replaySeed());
        assertThat(entries(results, "runstop.stress.cycles")).containsExactly("failed in cycle " + failure.cycle());
        assertThat(BuggyApp.BODY_RUNS.get()).isZero();
    }

    @Test
    void annotationSeedReplaysTheFailingCycleFirst() {
        LifecycleStressFailure found = failure(run(Map.of(), BuggyApp.class));

        LifecycleStressFailure replayed = failure(run(Map.of(), ReplayedBuggyApp.class));

        // the fixture's seed is the default seed at the cycle where it is usually found; which cycle a run
        // finds it in first can differ by one (timing outside the schedule), so the replay is held to what
        // its annotation says: that cycle runs first and fails, or the result says it did not reproduce
        int annotated = Integer.parseInt(ReplayedBuggyApp.SEED.substring(ReplayedBuggyApp.SEED.indexOf(':') + 1));
        assertThat(found.replaySeed()).startsWith(ReplayedBuggyApp.SEED.substring(0, ReplayedBuggyApp.SEED.indexOf(':') + 1));
        assertReplayed(replayed, ReplayedBuggyApp.SEED, annotated);
        assertThat(replayed.problems()).isEqualTo(found.problems());
        if (replayed.cycle() == found.cycle()) {
            assertThat(replayed.plan()).isEqualTo(found.plan());
        }
    }

    @Test
    void configurationParameterSeedOverridesTheAnnotation() {
        LifecycleStressFailure found = failure(run(Map.of(), BuggyApp.class));

        EngineExecutionResults results = run(Map.of("runstop.stress.seed", found.replaySeed()), BuggyApp.class);

        LifecycleStressFailure replayed = failure(results);
        // the replay runs the printed cycle first and finds the same bug (as CorpusTest asserts); where the
        // race depends on timing the schedule does not hold, the result says it was not reproduced there
        assertReplayed(replayed, found.replaySeed(), found.cycle());
        assertThat(replayed.problems()).isEqualTo(found.problems());
        assertThat(entries(results, "runstop.stress.replay")).containsExactly(found.replaySeed());
    }

    @Test
    void otherSeedMakesOtherDecisions() {
        LifecycleStressFailure byDefault = failure(run(Map.of(), BuggyApp.class));

        LifecycleStressFailure other = failure(run(Map.of("runstop.stress.seed", "00000000000000AB"), BuggyApp.class));

        assertThat(other.seed()).isEqualTo(0xABL);
        assertThat(other.plan()).isNotEqualTo(byDefault.plan());
    }

    @Test
    void withoutAFactoryTheTestFailsSayingHowToNameOne() {
        EngineExecutionResults results = run(Map.of(), NoFactory.class);

        Throwable thrown = results.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@LifecycleStress on " + NoFactory.class.getName() + ".cycles")
                .hasMessageContaining("@LifecycleStress(factoryMethod = ...)")
                .hasMessageContaining("@RunstopTest(factory = ...)");
    }

    @Test
    void malformedSeedIsAConfigurationError() {
        EngineExecutionResults results = run(Map.of("runstop.stress.seed", "not-a-seed"), CleanApp.class);

        Throwable thrown = results.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("stress seed 'not-a-seed' is not SEED or SEED:CYCLE");
    }

    @Test
    void theClassStopDeadlineIsKeptSoAnUninterruptibleStartPassesCycleZero() {
        String seed = StressSeed.format(seedStoppingDuringStart()) + ":0";

        EngineExecutionResults annotated = run(Map.of("runstop.stress.seed", seed), SlowStartClass.class);
        EngineExecutionResults registered = run(Map.of("runstop.stress.seed", seed), SlowStartRegistration.class);

        annotated.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        registered.testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        // the annotation's own deadline wins: 200 ms is too short for the 700 ms start, and the same cycle says so
        LifecycleStressFailure tooShort = failure(run(Map.of("runstop.stress.seed", seed), SlowStartTooShort.class));
        assertThat(tooShort.problems()).containsExactly(ActorException.Problem.STRAGGLER);
        assertThat(tooShort.cycle()).isZero();
    }

    @Test
    void aShardRunsItsSliceAndSaysWhichAndBadShardsAreConfigurationErrors() {
        EngineExecutionResults results = run(Map.of("runstop.stress.shard", "2/5"), ShardedApp.class);

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(entries(results, "runstop.stress.cycles")).containsExactly("5");
        assertThat(entries(results, "runstop.stress.shard")).containsExactly("2/5: cycles 5 to 9 of 25");
        assertThat(entries(results, "runstop.stress.result")).singleElement().asString()
                .contains("shard 2/5: cycles 5 to 9 of 25; replay one with -Drunstop.stress.seed=5EED0F11FE5EED01:5");
        assertThat(entries(results, "runstop.stress.bound")).singleElement().asString()
                .startsWith("each cycle finds an ordering bug of depth 2 with probability >= 1/");

        for (String bad : List.of("0/8", "9/8", "x")) {
            Throwable thrown = run(Map.of("runstop.stress.shard", bad), ShardedApp.class).testEvents().failed().list().get(0)
                    .getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(thrown).isInstanceOf(ExtensionConfigurationException.class).hasMessageContaining("stress shard '" + bad + "'");
        }
    }

    @Test
    void modeComesFromTheConfigurationThenTheAnnotation() {
        LifecycleStressFailure byDefault = failure(run(Map.of(), BuggyApp.class));
        LifecycleStressFailure random = failure(run(Map.of("runstop.stress.mode", "random"), BuggyApp.class));

        assertThat(byDefault.mode()).isEqualTo(StressMode.PCT);
        assertThat(random.mode()).isEqualTo(StressMode.RANDOM);
        assertThat(random.getMessage()).contains("@LifecycleStress(seed = \"5EED0F11FE5EED01:" + random.cycle() + "\", mode = \"random\")",
                "-Drunstop.stress.seed=5EED0F11FE5EED01:" + random.cycle() + " -Drunstop.stress.mode=random");
        // replaying the printed cycle in the printed mode runs that cycle's plan first: it fails there again, or
        // the result says it was not reproduced there (random mode keeps delays by the clock)
        LifecycleStressFailure replayed = failure(run(Map.of("runstop.stress.seed", random.replaySeed(), "runstop.stress.mode",
                "random"), BuggyApp.class));
        assertThat(replayed.mode()).isEqualTo(StressMode.RANDOM);
        assertThat(replayed.problems()).isEqualTo(random.problems());
        assertReplayed(replayed, random.replaySeed(), random.cycle());
        if (replayed.cycle() == random.cycle()) {
            assertThat(replayed.plan()).isEqualTo(random.plan());
        }
    }

    /** @return a seed whose cycle 0, in random mode, stops the slow app while its warehouse is still loading */
    static long seedStoppingDuringStart() {
        List<String> actors = List.of("http", "warehouse");
        for (long seed = 1; ; seed++) {
            Schedule s = Schedule.decide(seed, 0, actors, dev.runstop.stress.LifecycleStress.DEFAULT_MAX_DELAY);
            if (s.stopMoment() == Schedule.StopMoment.BEFORE_READY && !s.entersRunAfterStop("warehouse")
                    && s.trigger() == Schedule.Trigger.STOP_REQUESTED) {
                return seed;
            }
        }
    }

    private static EngineExecutionResults run(Map<String, String> parameters, Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED_KEY, "true")
                .configurationParameters(parameters)
                .selectors(selectClass(fixture))
                .execute();
    }

    private static LifecycleStressFailure failure(EngineExecutionResults results) {
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable thrown = results.testEvents().failed().list().get(0).getRequiredPayload(TestExecutionResult.class)
                .getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(LifecycleStressFailure.class);
        return (LifecycleStressFailure) thrown;
    }

    private static List<String> entries(EngineExecutionResults results, String key) {
        return results.allEvents().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(v -> v != null)
                .toList();
    }

    /** A replay failed on the replayed cycle, or says that cycle did not reproduce and the others ran on. */
    private static void assertReplayed(LifecycleStressFailure replayed, String replaySeed, int cycle) {
        if (replayed.cycle() != cycle) {
            assertThat(replayed.getMessage()).contains("replay of " + replaySeed
                    + ": not reproduced on replay: the race depends on timing outside the schedule");
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class CleanApp {
        static final AtomicInteger BODY_RUNS = new AtomicInteger();

        static Group app() {
            return StressApps.healthy();
        }

        @LifecycleStress(cycles = 25)
        void cycles() {
            BODY_RUNS.incrementAndGet();
        }
    }

    @Fixture
    static class BuggyApp {
        static final AtomicInteger BODY_RUNS = new AtomicInteger();

        static Group app() {
            return StressApps.stopThrowsBeforeStart();
        }

        @LifecycleStress(factoryMethod = "app")
        void cycles() {
            BODY_RUNS.incrementAndGet();
        }
    }

    @Fixture
    static class ReplayedBuggyApp {
        static final String SEED = "5EED0F11FE5EED01:5";

        static Group app() {
            return StressApps.stopThrowsBeforeStart();
        }

        @LifecycleStress(factoryMethod = "app", seed = SEED)
        void cycles() {
        }
    }

    @Fixture
    static class NoFactory {
        @LifecycleStress(cycles = 3)
        void cycles() {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "10s")
    static class SlowStartClass {
        static Group app() {
            return StressApps.slowStart();
        }

        @LifecycleStress(cycles = 1, mode = "random")
        void cycles() {
        }
    }

    @Fixture
    static class SlowStartRegistration {
        @RegisterExtension
        static final RunstopExtension APP = RunstopExtension.forApp(StressApps::slowStart).stopDeadline(Duration.ofSeconds(10));

        @LifecycleStress(cycles = 1, mode = "random")
        void cycles() {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app", stopDeadline = "10s")
    static class SlowStartTooShort {
        static Group app() {
            return StressApps.slowStart();
        }

        @LifecycleStress(cycles = 1, mode = "random", stopDeadline = "200ms")
        void cycles() {
        }
    }

    @Fixture
    @RunstopTest(factoryMethod = "app")
    static class ShardedApp {
        static Group app() {
            return StressApps.healthy();
        }

        @LifecycleStress(cycles = 25)
        void cycles() {
        }
    }
}
