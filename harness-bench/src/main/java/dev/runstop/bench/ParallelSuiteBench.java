package dev.runstop.bench;

import java.util.List;

/**
 * {@code parallel-suite}: 40 test classes, each starting the example app with the extension, run through
 * the JUnit launcher on two parallel threads against the same classes run one after another: the
 * speedup that running classes in parallel buys, and a check that parallel classes, each with its own
 * app, do not interfere (a failing suite fails the benchmark).
 */
final class ParallelSuiteBench implements Benchmark {
    static final int THREADS = 2;

    @Override
    public String name() {
        return "parallel-suite";
    }

    @Override
    public void run(BenchRun run) throws Exception {
        int k = run.mode == Mode.SMOKE ? 4 : ParallelSuiteFixtures.CLASSES.size();
        List<Class<?>> classes = ParallelSuiteFixtures.CLASSES.subList(0, k);
        long tests = (long) k * ParallelSuiteFixtures.TESTS_PER_CLASS;
        SuiteRunner suites = new SuiteRunner();
        int warmup = run.mode == Mode.SMOKE ? 0 : Math.min(1, run.mode.warmupRounds);
        int rounds = run.mode == Mode.SMOKE ? 1 : run.shortRun() ? 4 : run.mode.rounds;
        AbRunner.Comparison c = AbRunner.compare(warmup, rounds,
                () -> suites.run(classes, SuiteRunner.parallel(THREADS), tests),
                () -> suites.run(classes, SuiteRunner.SEQUENTIAL, tests));
        String params = "classes=" + k + " threads=" + THREADS;
        run.add(Result.of("parallel-suite", params, c, 1e6, "ms/suite"));
        run.add(new Result("parallel-suite", params + " speedup", 1 / c.ratio(), "x", 1.0, 1 / c.ratio()));
        run.note(String.format(java.util.Locale.ROOT,
                "parallel-suite: %d classes each with its own example app, %.2fx faster on %d threads than sequential"
                        + " (machine has %d processors)", k, 1 / c.ratio(), THREADS, Runtime.getRuntime().availableProcessors()));
    }
}
