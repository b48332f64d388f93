package dev.runstop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results of a run: written as CSV ({@code benchmark,params,value,unit,baseline,ratio}) and printed as a table. */
final class ResultTable {
    static final String[] COLUMNS = {"benchmark", "params", "value", "unit", "baseline", "ratio"};

    private final List<Result> rows = new ArrayList<>();

    synchronized void add(Result row) {
        rows.add(row);
    }

    synchronized List<Result> rows() {
        return List.copyOf(rows);
    }

    /** @return the CSV text, header first, one line per row; a row without baseline has empty last columns */
    synchronized String csv() {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Result r : rows) {
            out.append(String.join(",", cells(r))).append('\n');
        }
        return out.toString();
    }

    void writeCsv(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, csv(), StandardCharsets.UTF_8);
    }

    /** @return the rows as a table with aligned columns: text left, numbers right */
    synchronized String table() {
        List<String[]> lines = new ArrayList<>();
        lines.add(COLUMNS);
        for (Result r : rows) {
            lines.add(cells(r));
        }
        int[] width = new int[COLUMNS.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            String[] line = lines.get(l);
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean numeric = i == 2 || i == 4 || i == 5;
                String cell = numeric ? pad(line[i], width[i], true) : pad(line[i], width[i], false);
                row.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(row.toString().stripTrailing()).append('\n');
            if (l == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.append(rule).append('\n');
            }
        }
        return out.toString();
    }

    private static String[] cells(Result r) {
        return new String[] {r.benchmark(), r.params(), number(r.value()), r.unit(),
                Double.isNaN(r.baseline()) ? "" : number(r.baseline()), Double.isNaN(r.ratio()) ? "" : ratio(r.ratio())};
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    /** @return the value with about four significant digits, no exponent: {@code 12345}, {@code 123.4}, {@code 0.1234} */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        double a = Math.abs(v);
        String format = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, format, v);
    }

    /** @return a ratio with two decimals, or two significant digits below 0.1 (never a positive ratio shown as 0) */
    static String ratio(double v) {
        if (Math.abs(v) >= 0.1 || v == 0 || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).toPlainString();
    }
}
