package dev.runstop.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What a benchmark gets from the run: its mode, where its rows go, the progress log and the notes. */
final class BenchRun {
    final Mode mode;
    final ResultTable results;
    private final PrintStream log;
    private final List<String> notes = new ArrayList<>();

    BenchRun(Mode mode, ResultTable results, PrintStream log) {
        this.mode = mode;
        this.results = results;
        this.log = log;
    }

    /** Adds a row and prints it as a progress line. */
    void add(Result row) {
        results.add(row);
        log.printf("  %-20s %-32s %12s %-9s baseline %12s  ratio %s%n", row.benchmark(), row.params(),
                ResultTable.number(row.value()), row.unit(), ResultTable.number(row.baseline()),
                Double.isNaN(row.ratio()) ? "-" : ResultTable.ratio(row.ratio()));
    }

    /** Prints a progress line. */
    void progress(String line) {
        log.println(line);
    }

    /** Records a note printed under the table: a target checked, a benchmark left out and why. */
    synchronized void note(String note) {
        notes.add(note);
        log.println("  note: " + note);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Records whether a target was met, as a note; a smoke run measures too little to tell and notes
     * nothing.
     */
    void target(String what, boolean met) {
        if (mode != Mode.SMOKE) {
            note(what + ": " + (met ? "met" : "MISSED"));
        }
    }

    /** @return true on the quick or smoke mode */
    boolean shortRun() {
        return mode != Mode.FULL;
    }
}
