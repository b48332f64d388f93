package dev.runstop.bench;

/**
 * One row of the results: a value of ours beside the same measurement of its baseline, taken in the same
 * run.
 *
 * @param benchmark the benchmark's name, such as {@code cycle}
 * @param params what was measured, as space-separated {@code key=value} words (no commas)
 * @param value our value
 * @param unit the unit of {@code value} and {@code baseline}, such as {@code us/cycle}
 * @param baseline the baseline's value, or NaN if the row has no baseline
 * @param ratio ours / baseline: the median of the ratios of rounds run back to back, which cancels noise
 *     that a ratio of the two medians would keep; NaN without a baseline
 */
record Result(String benchmark, String params, double value, String unit, double baseline, double ratio) {

    Result {
        if (params.contains(",") || benchmark.contains(",") || unit.contains(",")) {
            throw new IllegalArgumentException("result fields must not contain commas: " + benchmark + " " + params + " " + unit);
        }
    }

    /** A row whose ratio is value / baseline. */
    Result(String benchmark, String params, double value, String unit, double baseline) {
        this(benchmark, params, value, unit, baseline, baseline == 0 ? Double.NaN : value / baseline);
    }

    /** A row of a comparison: its medians, scaled by {@code scale}, and its median ratio. */
    static Result of(String benchmark, String params, AbRunner.Comparison c, double scale, String unit) {
        return new Result(benchmark, params, c.ours() / scale, unit, c.baseline() / scale, c.ratio());
    }

    /** A row without a baseline. */
    static Result alone(String benchmark, String params, double value, String unit) {
        return new Result(benchmark, params, value, unit, Double.NaN, Double.NaN);
    }
}
