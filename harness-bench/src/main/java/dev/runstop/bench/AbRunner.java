package dev.runstop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs ours and its baseline in alternating rounds in this JVM — warm-up rounds first, then measured
 * rounds in the order A B, B A, A B, ... — and reports the median of each. Alternating rounds expose
 * both variants to the same JIT state, garbage collector and background noise, so the ratio holds on a
 * busy two-core machine even when the absolute numbers move.
 */
final class AbRunner {

    /** One round of a variant: does the work and returns its measured value (lower is better). */
    @FunctionalInterface
    interface Round {
        double run() throws Exception;
    }

    /** One repetition of an operation timed by {@link #repeat}. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    /**
     * The medians of both variants, the median of the per-round ratios ours/baseline, and every sample in
     * round order.
     */
    record Comparison(double ours, double baseline, double ratio, double[] oursSamples, double[] baselineSamples) {
    }

    private AbRunner() {
    }

    /**
     * @param warmupRounds rounds of each variant to run first and ignore
     * @param rounds measured rounds of each variant; at least 1
     * @return the medians
     */
    static Comparison compare(int warmupRounds, int rounds, Round ours, Round baseline) throws Exception {
        for (int i = 0; i < warmupRounds; i++) {
            ours.run();
            baseline.run();
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                a[i] = ours.run();
                b[i] = baseline.run();
            } else {
                b[i] = baseline.run();
                a[i] = ours.run();
            }
        }
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = a[i] / b[i];
        }
        return new Comparison(median(a), median(b), median(ratios), a, b);
    }

    /** Compares with the mode's warm-up and round counts. */
    static Comparison compare(Mode mode, Round ours, Round baseline) throws Exception {
        return compare(mode.warmupRounds, mode.rounds, ours, baseline);
    }

    /**
     * Repeats an operation until at least {@code minNanos} have passed and it ran at least
     * {@code minCount} times.
     *
     * @return the mean nanoseconds per repetition
     */
    static double repeat(long minNanos, int minCount, Op op) throws Exception {
        long start = System.nanoTime();
        long elapsed;
        int count = 0;
        do {
            op.run();
            count++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < minNanos || count < minCount);
        return (double) elapsed / count;
    }

    /** @return the median of the values (mean of the middle two for an even count) */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** @return the samples as a short list for progress lines, such as {@code [1.2, 1.3]} */
    static String describe(double[] samples, double scale) {
        List<String> out = new ArrayList<>();
        for (double s : samples) {
            out.add(ResultTable.number(s / scale));
        }
        return out.toString();
    }
}
