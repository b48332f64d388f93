package dev.runstop.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmarks of runstop against their hand-written baselines in this JVM, prints the results as a
 * table and writes them to {@code results.csv} next to the benchmark jar (or where {@code --out} says).
 *
 * <pre>
 * java -jar harness-bench/target/harness-bench.jar [--quick | --full] [--only cycle,sessions] [--out FILE]
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the benchmarks; exits with status 2 on bad arguments and 1 if a benchmark failed.
     *
     * @param args {@code --quick} (under three minutes on two cores), {@code --full} (the default),
     *     {@code --smoke} (minimal sizes, checks only that everything runs), {@code --only NAME,...},
     *     {@code --out FILE}, {@code --help}
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Runs the benchmarks selected by the arguments, printing progress and the table to {@code out}.
     *
     * @param args as for {@link #main}
     * @param out where progress and the table go
     * @return 0 if every benchmark ran, 1 if one failed (the others still run and their rows are written)
     * @throws IllegalArgumentException for unknown or malformed arguments
     */
    public static int run(String[] args, PrintStream out) {
        Mode mode = Mode.FULL;
        Set<String> only = new LinkedHashSet<>();
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> mode = Mode.QUICK;
                case "--full" -> mode = Mode.FULL;
                case "--smoke" -> mode = Mode.SMOKE;
                case "--only" -> only.addAll(List.of(value(args, ++i, "--only").split(",")));
                case "--out" -> csv = Paths.get(value(args, ++i, "--out"));
                case "--help", "-h" -> {
                    out.println(usage());
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        List<Benchmark> all = benchmarks();
        Set<String> names = all.stream().map(Benchmark::name).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : only) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown benchmark '" + name + "'; the benchmarks are " + names);
            }
        }
        if (csv == null) {
            csv = defaultCsv();
        }

        ResultTable results = new ResultTable();
        BenchRun run = new BenchRun(mode, results, out);
        out.println("runstop benchmarks, " + mode.label() + " run");
        out.println(Machine.describe());
        long started = System.nanoTime();
        int status = 0;
        for (Benchmark b : all) {
            if (!only.isEmpty() && !only.contains(b.name())) {
                continue;
            }
            out.println("== " + b.name());
            long t0 = System.nanoTime();
            try {
                b.run(run);
            } catch (Exception | Error e) {
                status = 1;
                out.println("  FAILED: " + b.name() + ": " + e);
                e.printStackTrace(out);
                run.note(b.name() + " failed: " + e);
            }
            out.printf(Locale.ROOT, "   (%s took %.1f s)%n", b.name(), (System.nanoTime() - t0) / 1e9);
        }
        out.println();
        out.print(results.table());
        out.println();
        for (String note : run.notes()) {
            out.println("- " + note);
        }
        out.println("- " + Machine.loadAverage() + " at end, on " + Runtime.getRuntime().availableProcessors() + " processors");
        try {
            results.writeCsv(csv);
            out.printf(Locale.ROOT, "%nwrote %s (%d rows) in %.0f s%n", csv, results.rows().size(),
                    (System.nanoTime() - started) / 1e9);
        } catch (IOException e) {
            out.println("cannot write " + csv + ": " + e);
            status = 1;
        }
        return status;
    }

    /** @return every benchmark, in the order a run measures them */
    static List<Benchmark> benchmarks() {
        List<Benchmark> all = new ArrayList<>();
        all.add(new CycleBench());
        all.add(new StopLatencyBench());
        all.add(new SessionBench());
        all.add(new ExtensionOverheadBench());
        all.add(new ParallelSuiteBench());
        all.add(new SharedScopeBench());
        all.add(new StressBench());
        all.add(new ProcessBench());
        all.add(new DiagnosisBench());
        all.add(new LeakBench());
        return all;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** @return results.csv in the directory of the benchmark jar (target/), or of target/classes */
    private static Path defaultCsv() {
        try {
            Path code = Paths.get(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code.getParent() : code.getParent();
            return (dir == null ? Paths.get(".") : dir).resolve("results.csv");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Paths.get("results.csv");
        }
    }

    private static String usage() {
        return "usage: java -jar harness-bench.jar [--quick | --full | --smoke] [--only NAME,...] [--out FILE]\n"
                + "  benchmarks: " + benchmarks().stream().map(Benchmark::name).collect(Collectors.joining(", "));
    }
}
