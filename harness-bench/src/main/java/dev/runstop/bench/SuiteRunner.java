package dev.runstop.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs test classes through the JUnit Platform launcher, as a build tool would, and times the run. */
final class SuiteRunner {
    /** Configuration of a sequential run: no parallel execution. */
    static final Map<String, String> SEQUENTIAL = Map.of("junit.jupiter.execution.parallel.enabled", "false");

    private final Launcher launcher = LauncherFactory.create();

    /** @return the configuration of a run of classes concurrently on a fixed number of threads */
    static Map<String, String> parallel(int threads) {
        return Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(threads),
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(threads));
    }

    /**
     * Discovers and runs the classes with the Jupiter engine only, ignoring any configuration file or
     * system property.
     *
     * @param expectedTests how many tests must succeed
     * @return the nanoseconds the run took, discovery included
     * @throws IllegalStateException if a test or class failed or not all tests ran: a benchmark of a
     *     failing suite measures nothing
     */
    long run(List<Class<?>> classes, Map<String, String> configuration, long expectedTests) {
        List<ClassSelector> selectors = classes.stream().map(c -> selectClass(c)).collect(Collectors.toList());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long start = System.nanoTime();
        launcher.execute(request, listener);
        long took = System.nanoTime() - start;
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() != expectedTests) {
            StringBuilder why = new StringBuilder("suite of " + classes.size() + " classes did not pass: "
                    + summary.getTestsSucceededCount() + " of " + expectedTests + " tests succeeded, "
                    + summary.getTotalFailureCount() + " failures");
            summary.getFailures().stream().limit(3).forEach(f -> why.append("\n  ").append(f.getTestIdentifier().getDisplayName())
                    .append(": ").append(f.getException()));
            IllegalStateException failure = new IllegalStateException(why.toString());
            summary.getFailures().stream().limit(3).forEach(f -> failure.addSuppressed(f.getException()));
            throw failure;
        }
        return took;
    }
}
