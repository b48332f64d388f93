package dev.runstop.leaks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs app classes through the JUnit engine, as a build would, and tells how each class ended. */
final class Fixtures {
    private final EngineExecutionResults results;

    private Fixtures(EngineExecutionResults results) {
        this.results = results;
    }

    /** Runs the classes one after the other, with creation sites on. */
    static Fixtures run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** Runs the classes concurrently, as many at once as there are classes. */
    static Fixtures runInParallel(Class<?>... classes) {
        return run(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(classes.length),
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(4 * classes.length)), classes);
    }

    private static Fixtures run(Map<String, String> parameters, Class<?>... classes) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("junit.jupiter.execution.parallel.enabled", "false",
                "runstop.leaks.origins", "true"));
        all.putAll(parameters);
        return new Fixtures(EngineTestKit.engine("junit-jupiter").configurationParameters(all)
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new)).execute());
    }

    /** @return how the class container ended */
    TestExecutionResult classResult(Class<?> testClass) {
        return results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(ClassSource.class::isInstance)
                        .map(s -> ((ClassSource) s).getJavaClass().equals(testClass)).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)).findFirst()
                .orElseThrow(() -> new AssertionError(testClass.getName() + " did not run"));
    }

    /** @return what failed the class, or null if it passed */
    Throwable classFailure(Class<?> testClass) {
        Optional<Throwable> t = classResult(testClass).getThrowable();
        return t.orElse(null);
    }

    /** @return the classes whose container did not succeed */
    List<String> failedClasses() {
        List<String> out = new ArrayList<>();
        for (Event e : results.containerEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                out.add(e.getTestDescriptor().getDisplayName());
            }
        }
        return out;
    }

    /** @return each failed container with its failure's message, for assertion messages */
    String describeFailures() {
        StringBuilder out = new StringBuilder();
        for (Event e : results.containerEvents().finished().list()) {
            TestExecutionResult r = e.getRequiredPayload(TestExecutionResult.class);
            if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                out.append(System.lineSeparator()).append(e.getTestDescriptor().getDisplayName()).append(": ")
                        .append(r.getThrowable().map(Throwable::getMessage).orElse("(no error)"));
            }
        }
        return out.toString();
    }

    /** @return the published stop reports */
    List<String> reports() {
        return results.allEvents().reportingEntryPublished().stream()
                .flatMap(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class).getKeyValuePairs()
                        .entrySet().stream())
                .filter(kv -> kv.getKey().equals("runstop.report")).map(Map.Entry::getValue).toList();
    }
}
