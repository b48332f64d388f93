package dev.runstop.bench;

/** One benchmark family: measures ours against its baseline in this JVM and adds rows to the results. */
interface Benchmark {

    /** @return the name of the benchmark's rows and of its {@code --only} selector, such as {@code cycle} */
    String name();

    /**
     * Runs the benchmark.
     *
     * @param run the mode, the results to add to and the progress log
     */
    void run(BenchRun run) throws Exception;
}
