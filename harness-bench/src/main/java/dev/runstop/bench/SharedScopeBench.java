package dev.runstop.bench;

import java.util.List;

/**
 * {@code shared-scope}: 40 test classes sharing one example app ({@code Scope.SHARED}, started once per
 * run) against the same 40 classes each starting their own, run one after another through the JUnit
 * launcher. Milliseconds per suite, discovery included.
 */
final class SharedScopeBench implements Benchmark {

    @Override
    public String name() {
        return "shared-scope";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        int k = run.mode == Mode.SMOKE ? 4 : SharedScopeFixtures.CLASSES.size();
        List<Class<?>> shared = SharedScopeFixtures.CLASSES.subList(0, k);
        List<Class<?>> perClass = ParallelSuiteFixtures.CLASSES.subList(0, k);
        long tests = (long) k * ParallelSuiteFixtures.TESTS_PER_CLASS;
        SuiteRunner suites = new SuiteRunner();
        int warmup = run.mode == Mode.SMOKE ? 0 : Math.min(1, run.mode.warmupRounds);
        int rounds = run.mode == Mode.SMOKE ? 1 : run.shortRun() ? 4 : run.mode.rounds;
        AbRunner.Comparison c = AbRunner.compare(warmup, rounds,
                () -> suites.run(shared, SuiteRunner.SEQUENTIAL, tests),
                () -> suites.run(perClass, SuiteRunner.SEQUENTIAL, tests));
        run.add(Result.of("shared-scope", "classes=" + k + " one shared app vs one per class", c, 1e6, "ms/suite"));
    }
}
