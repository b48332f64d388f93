package dev.runstop.bench;

import java.util.List;

/**
 * {@code extension-overhead}: K test classes whose app has five trivial actors, run through the JUnit
 * launcher with the extension, against the same classes starting and stopping the same actors by hand in
 * {@code @BeforeAll}/{@code @AfterAll}. Milliseconds per class, discovery included.
 */
final class ExtensionOverheadBench implements Benchmark {

    @Override
    public String name() {
        return "extension-overhead";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        int k = run.mode == Mode.SMOKE ? 2 : ExtensionFixtures.WITH_EXTENSION.size();
        List<Class<?>> withExtension = ExtensionFixtures.WITH_EXTENSION.subList(0, k);
        List<Class<?>> byHand = ExtensionFixtures.BY_HAND.subList(0, k);
        SuiteRunner suites = new SuiteRunner();
        int warmup = run.mode == Mode.SMOKE ? 0 : run.mode.warmupRounds + 2;
        long roundNanos = run.mode.roundMillis * 1_000_000L;
        AbRunner.Comparison c = AbRunner.compare(warmup, run.mode.rounds,
                () -> AbRunner.repeat(roundNanos, 1, () -> suites.run(withExtension, SuiteRunner.SEQUENTIAL, k)) / k,
                () -> AbRunner.repeat(roundNanos, 1, () -> suites.run(byHand, SuiteRunner.SEQUENTIAL, k)) / k);
        run.add(Result.of("extension-overhead", "classes=" + k + " actors=5", c, 1e6, "ms/class"));
    }
}
