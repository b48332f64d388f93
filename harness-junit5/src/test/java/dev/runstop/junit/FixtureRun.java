package dev.runstop.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes through the Jupiter engine and reads what happened to them. */
final class FixtureRun {
    final EngineExecutionResults results;

    private FixtureRun(EngineExecutionResults results) {
        this.results = results;
    }

    static FixtureRun of(Class<?>... fixtures) {
        return of(Map.of(), fixtures);
    }

    static FixtureRun of(Map<String, String> parameters, Class<?>... fixtures) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Fixture.ENABLED_KEY, "true")
                .configurationParameters(parameters);
        EngineExecutionResults results = FixtureOutput.install(builder)
                .selectors(Arrays.stream(fixtures).map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .execute();
        return new FixtureRun(results);
    }

    /**
     * Runs the fixtures on a thread of their own and fails, instead of hanging the build, if they have
     * not finished within two minutes: for fixtures whose failure mode is a hang.
     */
    static FixtureRun boundedOf(Map<String, String> parameters, Class<?>... fixtures) throws InterruptedException {
        java.util.concurrent.CompletableFuture<FixtureRun> run = new java.util.concurrent.CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                run.complete(of(parameters, fixtures));
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, "fixture-run");
        runner.setDaemon(true);
        runner.start();
        try {
            return run.get(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the fixture run failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            AssertionError hang = new AssertionError("the fixtures " + Arrays.toString(fixtures) + " hung");
            hang.setStackTrace(runner.getStackTrace());
            throw hang;
        }
    }

    /**
     * Where fixtures' published files go: a directory per test or container under target/fixture-output.
     * The test kit takes an {@code OutputDirectoryCreator} since JUnit 5.14 and an
     * {@code OutputDirectoryProvider} in 5.12 and 5.13; both have these two methods, so the one the test
     * kit has is implemented by a proxy.
     */
    private static final class FixtureOutput implements InvocationHandler {
        static final Path ROOT = Path.of("target", "fixture-output").toAbsolutePath();

        static EngineTestKit.Builder install(EngineTestKit.Builder builder) {
            for (String[] kind : new String[][] {
                    {"outputDirectoryCreator", "org.junit.platform.engine.OutputDirectoryCreator"},
                    {"outputDirectoryProvider", "org.junit.platform.engine.reporting.OutputDirectoryProvider"}}) {
                try {
                    Class<?> type = Class.forName(kind[1]);
                    Object output = Proxy.newProxyInstance(FixtureRun.class.getClassLoader(), new Class<?>[] {type},
                            new FixtureOutput());
                    return (EngineTestKit.Builder) EngineTestKit.Builder.class.getMethod(kind[0], type).invoke(builder, output);
                } catch (ClassNotFoundException | NoSuchMethodException absent) {
                    // an older or newer JUnit: try the other kind
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("this JUnit's test kit takes no output directory");
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws IOException {
            switch (method.getName()) {
                case "getRootDirectory":
                    return ROOT;
                case "createOutputDirectory": {
                    TestDescriptor descriptor = (TestDescriptor) args[0];
                    String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_");
                    return Files.createDirectories(ROOT.resolve(name));
                }
                case "toString":
                    return "fixture output under " + ROOT;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException(method.toString());
            }
        }
    }

    /** @return how the fixture class ended */
    TestExecutionResult classResult(Class<?> fixture) {
        return results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(ClassSource.class::isInstance)
                        .map(s -> ((ClassSource) s).getJavaClass() == fixture).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no finished event for " + fixture));
    }

    /** @return how the test method of that name ended */
    TestExecutionResult testResult(String method) {
        return results.testEvents().finished().stream()
                .filter(e -> e.getTestDescriptor().getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName().equals(method)).orElse(false))
                .map(e -> e.getRequiredPayload(TestExecutionResult.class))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no finished event for test " + method
                        + "; events: " + results.allEvents().list()));
    }

    Throwable classFailure(Class<?> fixture) {
        TestExecutionResult result = classResult(fixture);
        return result.getThrowable().orElseThrow(() -> new AssertionError(fixture.getSimpleName() + " did not fail: " + result));
    }

    Throwable testFailure(String method) {
        TestExecutionResult result = testResult(method);
        return result.getThrowable().orElseThrow(() -> new AssertionError(method + " did not fail: " + result));
    }

    /** @return the values of every report entry published under the key */
    List<String> reportEntries(String key) {
        return results.allEvents().stream()
                .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
                .map(e -> e.getRequiredPayload(ReportEntry.class))
                .map(r -> r.getKeyValuePairs().get(key))
                .filter(v -> v != null)
                .toList();
    }

    List<Event> allEvents() {
        return results.allEvents().list();
    }
}
